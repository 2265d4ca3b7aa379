package io.tollway.application.console;

import io.tollway.domain.model.console.ConsoleUser;
import io.tollway.domain.model.console.PasswordHash;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

/** Checks console sign-ins against the stored password hashes. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ConsoleUsers {

    @PersistenceContext(unitName = "tollway")
    private EntityManager entityManager;

    /** The user if the name and password match an enabled user; empty otherwise, in about the same time either way. */
    public Optional<ConsoleUserView> signIn(String username, String password) {
        if (username == null || password == null || username.length() > 100 || password.length() > 200) {
            return Optional.empty();
        }
        ConsoleUser user = entityManager.find(ConsoleUser.class, username.strip());
        if (user == null) {
            PasswordHash.decoyCheck(password);
            return Optional.empty();
        }
        return user.accepts(password) ? Optional.of(view(user)) : Optional.empty();
    }

    static ConsoleUserView view(ConsoleUser user) {
        return new ConsoleUserView(user.username(), user.displayName(), user.role().roleName());
    }
}
