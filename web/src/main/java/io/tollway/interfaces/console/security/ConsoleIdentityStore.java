package io.tollway.interfaces.console.security;

import io.tollway.application.console.ConsoleUserView;
import io.tollway.application.console.ConsoleUsers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/** Console users from the database ({@code console_user}); each is in one group, its role. */
@ApplicationScoped
public class ConsoleIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(ConsoleIdentityStore.class.getName());

    @EJB
    private ConsoleUsers users;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential given)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<ConsoleUserView> user = users.signIn(given.getCaller(), given.getPasswordAsString());
        if (user.isEmpty()) {
            // the name only: never the password
            LOG.warning(() -> "console sign-in refused for \"" + printable(given.getCaller()) + "\"");
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(user.get().username(), Set.of(user.get().role()));
    }

    private static String printable(String name) {
        if (name == null) {
            return "";
        }
        String shown = name.replaceAll("[^\\p{Graph} ]", "?");
        return shown.length() > 100 ? shown.substring(0, 100) : shown;
    }
}
