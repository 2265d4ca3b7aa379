package io.tollway.domain.model.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A caller of Tollway: an admin, an approver, a provider (with the webhook of its service
 * controller) or a consumer. Agreements name their provider and consumer by account id, which is
 * how a tenant is kept to its own agreements.
 */
@Entity
@Table(name = "account")
public class Account {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "api_key_hash", nullable = false, unique = true)
    private String apiKeyHash;

    @Column(name = "webhook_url")
    private String webhookUrl;

    @Column(name = "webhook_secret")
    private String webhookSecret;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected Account() {
        // for JPA
    }

    private Account(String id, String name, Role role, String apiKey, OffsetDateTime now) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{1,99}")) {
            throw new IllegalArgumentException("account id must be 2-100 lower-case letters, digits or dashes");
        }
        this.id = id;
        this.name = Objects.requireNonNull(name, "name");
        this.role = Objects.requireNonNull(role, "role");
        this.apiKeyHash = ApiKey.hash(Objects.requireNonNull(apiKey, "apiKey"));
        this.createdAt = now;
    }

    public static Account open(String id, String name, Role role, String apiKey, OffsetDateTime now) {
        return new Account(id, name, role, apiKey, now);
    }

    /** Where a provider's service controller takes commands, and the secret they are signed with. */
    public void serviceController(URI url, String secret) {
        if (role != Role.PROVIDER) {
            throw new IllegalArgumentException("only a provider has a service controller");
        }
        if (url == null || !url.isAbsolute() || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new IllegalArgumentException("webhook url must be an absolute http(s) URL");
        }
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("webhook secret must have at least 16 characters");
        }
        this.webhookUrl = url.toString();
        this.webhookSecret = secret;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    public String webhookSecret() {
        return webhookSecret;
    }
}
