package io.tollway.domain.model.offering;

import java.util.List;
import java.util.Optional;

/** The offerings Tollway keeps. */
public interface OfferingRepository {

    void add(Offering offering);

    Optional<Offering> find(String id);

    /** Offerings newest first, one page. */
    List<Offering> page(int offset, int limit);

    long count();

    /** Sends pending changes to the database now, inside the current transaction. */
    void flush();
}
