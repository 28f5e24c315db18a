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

    /** PKCS#8; erased ({@code null}) once the key is archived. */
    @Column(name = "private_key")
    public byte[] privateKey;

    /** X.509 SubjectPublicKeyInfo. */
    @Column(name = "public_key", nullable = false)
    public byte[] publicKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** next, current, retired or archived (see {@link io.gatehouse.controlplane.domain.SigningKeyState}). */
    @Column(nullable = false)
    public String state;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "retired_at")
    public Instant retiredAt;

    @Column(name = "archived_at")
    public Instant archivedAt;
}
