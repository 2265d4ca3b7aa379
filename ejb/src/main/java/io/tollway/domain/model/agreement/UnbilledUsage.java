package io.tollway.domain.model.agreement;

import java.math.BigInteger;

/** A usage report no bill has charged yet: what a bill needs of it. */
public record UnbilledUsage(long reportId, BigInteger amount) {
}
