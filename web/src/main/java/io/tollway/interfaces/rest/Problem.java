package io.tollway.interfaces.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An error answer in the form of RFC 9457 ({@code application/problem+json}). The {@code type}
 * is stable per kind of error, so clients can branch on it; {@code detail} is for people.
 */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://tollway.io/problems/";

    public static Problem of(Response.Status status, String kind, String detail) {
        return new Problem(TYPE_BASE + kind, status.getReasonPhrase(), status.getStatusCode(), detail);
    }

    /** For statuses JAX-RS has no constant for (422). */
    public static Problem of(int status, String kind, String detail) {
        String title = status == 422 ? "Unprocessable Content" : "Error " + status;
        return new Problem(TYPE_BASE + kind, title, status, detail);
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}
