package io.tollway.interfaces.rest;

import java.util.List;

/** One page of a list, with where it starts and how many there are in all. */
public record Page<T>(List<T> items, int offset, int limit, long total) {

    static final int MAX_LIMIT = 200;

    static void check(int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
