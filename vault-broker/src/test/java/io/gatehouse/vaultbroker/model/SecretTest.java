package io.gatehouse.vaultbroker.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretTest {

    private static final String VALUE = "s3cr3t-value";

    @Test
    void neverShowsItsValue() throws Exception {
        Secret secret = Secret.of(VALUE);
        StoredCredential credential = new StoredCredential(secret, Duration.ofMinutes(1));

        assertEquals(Secret.REDACTED, secret.toString());
        assertFalse(credential.toString().contains(VALUE));
        assertFalse(String.valueOf(Map.of("secret", secret)).contains(VALUE));
        String json = new ObjectMapper().writeValueAsString(Map.of("secret", secret));
        assertFalse(json.contains(VALUE), json);
        assertTrue(json.contains(Secret.REDACTED), json);
    }

    @Test
    void revealsOnlyOnRequest() {
        assertEquals(VALUE, Secret.of(VALUE).reveal());
        assertEquals(VALUE, Secret.of(VALUE.toCharArray()).reveal());
    }

    @Test
    void clearWipesTheValue() {
        Secret secret = Secret.of(VALUE);
        secret.clear();

        assertTrue(secret.isCleared());
        assertThrows(IllegalStateException.class, secret::reveal);
        assertThrows(IllegalStateException.class, secret::copy);
    }

    @Test
    void copiesAreIndependent() {
        Secret original = Secret.of(VALUE);
        Secret copy = original.copy();
        copy.clear();

        assertEquals(VALUE, original.reveal());
    }

    @Test
    void keepsNoReferenceToTheCallersArray() {
        char[] chars = VALUE.toCharArray();
        Secret secret = Secret.of(chars);
        chars[0] = 'X';

        assertEquals(VALUE, secret.reveal());
    }
}
