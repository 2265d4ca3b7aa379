package io.tollway.interfaces.testsupport;

import io.tollway.application.chain.DevTokenTransfers;
import io.tollway.domain.model.account.Role;
import io.tollway.infrastructure.chain.ChainGatewayService;
import io.tollway.infrastructure.config.TollwayConfig;
import io.tollway.infrastructure.faults.FaultInjector;
import io.tollway.interfaces.rest.security.Callers;
import io.tollway.process.engine.EngineClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What end-to-end tests need from a running server and nobody else may have: moving the process
 * engine's clock, arming fault points and reading the heap. Served only where {@code tollway.test-support=true};
 * elsewhere every path here answers 404.
 */
@ApplicationScoped
@Path("test-support")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TestSupportResource {

    @Inject
    private TollwayConfig config;

    @Inject
    private EngineClock clock;

    @Inject
    private FaultInjector faults;

    @EJB
    private DevTokenTransfers transfers;

    @EJB
    private ChainGatewayService gateway;

    public record ClockMove(long seconds) {
    }

    /** A fault point ({@code offering.expired}) or one subject's ({@code offering.expired:<id>}), and how often it fails. */
    public record FaultArming(String point, int times) {
    }

    @POST
    @Path("clock")
    public Map<String, String> moveClock(ClockMove move) {
        ensureEnabled();
        if (move == null || move.seconds() < 0) {
            throw new IllegalArgumentException("seconds must be 0 or more: the clock only moves forward");
        }
        return Map.of("now", clock.moveForward(Duration.ofSeconds(move.seconds())).toString());
    }

    @DELETE
    @Path("clock")
    public void resetClock() {
        ensureEnabled();
        clock.reset();
    }

    @POST
    @Path("faults")
    public Map<String, Integer> arm(FaultArming arming) {
        ensureEnabled();
        if (arming == null || arming.point() == null || arming.point().isBlank() || arming.times() < 1) {
            throw new IllegalArgumentException("point and times (1 or more) are required");
        }
        faults.arm(arming.point(), arming.times());
        return Map.of(arming.point(), faults.remaining(arming.point()));
    }

    /** How many armed failures of a point are still to come: 0 once all of them fired. A query parameter: GlassFish's web security refuses a ':' in a path. */
    @GET
    @Path("faults")
    public Map<String, Integer> remaining(@QueryParam("point") String point) {
        ensureEnabled();
        if (point == null || point.isBlank()) {
            throw new IllegalArgumentException("point is required");
        }
        return Map.of(point, faults.remaining(point));
    }

    @DELETE
    @Path("faults")
    public void disarmAll() {
        ensureEnabled();
        faults.disarmAll();
    }

    /** A transfer of the development token by the operator, run as a chainTransaction process. */
    public record TokenTransfer(String subject, String step, String to, BigInteger amount) {
    }

    @POST
    @Path("chain/transfers")
    public Map<String, String> transfer(TokenTransfer transfer) {
        ensureEnabled();
        if (transfer == null) {
            throw new IllegalArgumentException("subject, step, to and amount are required");
        }
        return Map.of("processInstanceId", transfers.start(transfer.subject(), transfer.step(), transfer.to(), transfer.amount()));
    }

    /** Stops the chain gateway and starts it afresh from the database and the chain, as after a crash. */
    @POST
    @Path("chain/gateway/restart")
    public void restartGateway() {
        ensureEnabled();
        gateway.restart();
    }

    /**
     * The server's heap in bytes, for benchmarks: in use now (garbage included), in use after each
     * pool's last collection (closer to what is really kept), committed and the maximum. Nothing
     * is collected on request: a forced full collection would stall the server being measured.
     */
    @GET
    @Path("heap")
    public Map<String, Long> heap() {
        ensureEnabled();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long afterLastCollection = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getCollectionUsage)
                .filter(Objects::nonNull)
                .mapToLong(MemoryUsage::getUsed)
                .sum();
        return Map.of("used", heap.getUsed(), "usedAfterLastCollection", afterLastCollection,
                "committed", heap.getCommitted(), "max", heap.getMax());
    }

    /**
     * Answers at once with the caller's role, for benchmarks: what a request of the API costs the
     * server before any of Tollway's work (connection, authentication, routing, JSON), the floor
     * under every other answer's time.
     */
    @GET
    @Path("nothing")
    public Map<String, String> nothing(@Context SecurityContext security) {
        ensureEnabled();
        return Map.of("role", Callers.require(security, Role.values()).role().name());
    }

    private void ensureEnabled() {
        if (!config.testSupport()) {
            throw new NotFoundException();
        }
    }
}
