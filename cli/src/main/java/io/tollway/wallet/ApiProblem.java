package io.tollway.wallet;

/**
 * An error answer of the API: its {@code application/problem+json} body (RFC 9457), or, for an
 * answer that is not one (a proxy's error page, a wrong URL), the HTTP status as the title.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final String detail;

    public ApiProblem(int status, String type, String title, String detail) {
        super(detail != null ? detail : title);
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    /** The stable kind of error, e.g. {@code https://tollway.io/problems/not-found}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** What went wrong, for people; may be null. */
    public String detail() {
        return detail;
    }
}
