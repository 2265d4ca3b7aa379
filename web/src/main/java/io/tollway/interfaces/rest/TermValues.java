package io.tollway.interfaces.rest;

import io.tollway.domain.model.agreement.InvalidTerms;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Reads the values of terms as the API carries them; whether a value makes sense is the domain's
 * business, this only reads it exactly. Amounts travel as decimal strings because token amounts
 * exceed what a JSON number survives in most clients (a double keeps 15 to 17 digits). Counts and
 * seconds are JSON numbers, received as {@link BigDecimal} because JSON-B's {@code Long} and
 * {@code Integer} silently drop fractions and wrap around (Yasson reads a supply of 4294967396
 * as 100).
 */
final class TermValues {

    /** Up to 78 digits: any uint256, and the most a numeric(78) column holds. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,78}");
    private static final int ECHO_LIMIT = 40;

    private TermValues() {
    }

    static BigInteger amount(String field, String value) {
        required(field, value);
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            throw new InvalidTerms(field + " must be a whole number of the token's smallest unit in decimal digits"
                    + " (at most 78), as a string like \"1000\"; was \"" + echo(value) + "\"");
        }
        return new BigInteger(value);
    }

    static long count(String field, BigDecimal value) {
        try {
            return required(field, value).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidTerms(field + " must be a whole number within 64 bits, was " + echo(value.toString()));
        }
    }

    static int smallCount(String field, BigDecimal value) {
        long count = count(field, value);
        if (count < Integer.MIN_VALUE || count > Integer.MAX_VALUE) {
            throw new InvalidTerms(field + " is out of range, was " + count);
        }
        return (int) count;
    }

    static BigDecimal number(long count) {
        return BigDecimal.valueOf(count);
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidTerms(field + " is required");
        }
        return value;
    }

    static String decimal(BigInteger amount) {
        return amount.toString();
    }

    private static String echo(String value) {
        return value.length() <= ECHO_LIMIT ? value : value.substring(0, ECHO_LIMIT) + "…";
    }
}
