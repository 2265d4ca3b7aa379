package io.tollway.application.agreement;

import java.util.List;

/** One page of an agreement's list and how many the list has in all. */
public record Listing<T>(List<T> items, long total) {
}
