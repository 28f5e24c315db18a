package io.gatehouse.dataplane.credential;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The query of a call to a resource whose credential is a query parameter. Every parameter the caller
 * sent under that name is removed before the gateway adds its own: the caller never chooses the
 * credential. Names are compared as an upstream may read them: percent-decoded ({@code api%5Fkey}),
 * '+' as space, case-insensitively (some frameworks fold parameter names), and a pair is also removed
 * when a ';'-separated piece of it carries the name (some frameworks split on ';' too) or when its name
 * has a malformed percent-escape (readers differ on those).
 */
public final class QueryCredential {

    private QueryCredential() {
    }

    /** The caller's raw query without any parameter called {@code name}; null when nothing is left. */
    public static String withoutParameter(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (!namesParameter(pair, name)) {
                kept.add(pair);
            }
        }
        String query = String.join("&", kept);
        return query.isEmpty() ? null : query;
    }

    /** The query sent upstream: the caller's without the parameter, then {@code name=<encoded secret>}. */
    static String withCredential(String rawQuery, String name, String secret) {
        String callerPart = withoutParameter(rawQuery, name);
        String credential = name + "=" + encode(secret);
        return callerPart == null ? credential : callerPart + "&" + credential;
    }

    /** application/x-www-form-urlencoded, with %20 for space (safe in a query whatever the reader). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean namesParameter(String pair, String name) {
        for (String piece : pair.split(";", -1)) {
            int equals = piece.indexOf('=');
            String rawName = equals < 0 ? piece : piece.substring(0, equals);
            if (nameIs(rawName, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean nameIs(String rawName, String name) {
        try {
            return URLDecoder.decode(rawName, StandardCharsets.UTF_8).strip().equalsIgnoreCase(name);
        } catch (IllegalArgumentException malformed) {
            // readers differ on a malformed escape; it might read as the name: fail closed and drop it
            return true;
        }
    }
}
