package io.gatehouse.controlplane.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "signing_key")
public class SigningKeyEntity extends PanacheEntityBase {

    @Id
    public String kid;

    @Column(nullable = false)
    public String algorithm;

    /** PKCS#8. */
    @Column(name = "private_key", nullable = false)
    public byte[] privateKey;

    /** X.509 SubjectPublicKeyInfo. */
    @Column(name = "public_key", nullable = false)
    public byte[] publicKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
