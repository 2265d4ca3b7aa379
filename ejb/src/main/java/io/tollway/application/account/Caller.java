package io.tollway.application.account;

import io.tollway.domain.model.account.Role;
import io.tollway.domain.model.agreement.Agreement;

/** An authenticated caller: its account id and role. What the API knows of who is asking. */
public record Caller(String accountId, Role role) {

    public boolean is(Role other) {
        return role == other;
    }

    /** Admins and approvers act for the operator and see every tenant's agreements. */
    public boolean seesEveryTenant() {
        return role == Role.ADMIN || role == Role.APPROVER;
    }

    /** Whether the agreement is one this caller may see: its own (as consumer or provider), or any for the operator. */
    public boolean sees(Agreement agreement) {
        return seesEveryTenant() || agreement.concerns(accountId);
    }
}
