package io.tollway.domain.model.console;

import io.tollway.domain.model.account.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A person who signs in to the console: an admin (everything) or an approver (the task list and
 * the agreements its tasks concern). Only the password's {@link PasswordHash} is kept.
 */
@Entity
@Table(name = "console_user")
public class ConsoleUser {

    @Id
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected ConsoleUser() {
        // for JPA
    }

    private ConsoleUser(String username, String displayName, Role role, String password, OffsetDateTime now) {
        if (username == null || !username.matches("[a-z0-9][a-z0-9._-]{1,99}")) {
            throw new IllegalArgumentException("a username must be 2-100 lower-case letters, digits, dots, dashes or underscores");
        }
        if (role != Role.ADMIN && role != Role.APPROVER) {
            throw new IllegalArgumentException("a console user is an admin or an approver, not " + role);
        }
        this.username = username;
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.role = role;
        this.passwordHash = PasswordHash.hash(password);
        this.enabled = true;
        this.createdAt = Objects.requireNonNull(now, "now");
    }

    public static ConsoleUser create(String username, String displayName, Role role, String password, OffsetDateTime now) {
        return new ConsoleUser(username, displayName, role, password, now);
    }

    /** Whether this user may sign in with this password. */
    public boolean accepts(String password) {
        return enabled && PasswordHash.matches(password, passwordHash);
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }
}
