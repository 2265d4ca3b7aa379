package io.tollway.application.account;

import io.tollway.domain.model.account.Account;
import io.tollway.domain.model.account.ApiKey;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

/** Looks callers up by their API key, and providers' service controllers by account. */
@Stateless
public class Accounts {

    @PersistenceContext(unitName = "tollway")
    private EntityManager entityManager;

    public Optional<Caller> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isBlank() || apiKey.length() > 200) {
            return Optional.empty();
        }
        return entityManager.createQuery("select a from Account a where a.apiKeyHash = :hash", Account.class)
                .setParameter("hash", ApiKey.hash(apiKey.strip()))
                .getResultStream()
                .findFirst()
                .map(account -> new Caller(account.id(), account.role()));
    }

    public Optional<Account> find(String id) {
        return Optional.ofNullable(entityManager.find(Account.class, id));
    }
}
