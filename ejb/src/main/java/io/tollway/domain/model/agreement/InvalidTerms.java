package io.tollway.domain.model.agreement;

/**
 * Terms no agreement could run under: a price or limit that is missing, malformed, out of the
 * contracts' range or nonsense (a zero unit price, a supply of 0). The message starts with the
 * field's name so that whoever sent the terms learns what to fix.
 *
 * <p>It is an {@link IllegalArgumentException} because that is what it is; the own type lets the
 * API answer it with its own problem type instead of a generic invalid request.
 */
public class InvalidTerms extends IllegalArgumentException {

    public InvalidTerms(String message) {
        super(message);
    }
}
