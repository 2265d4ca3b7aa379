package io.tollway.interfaces.rest;

import io.tollway.application.account.Caller;
import io.tollway.application.agreement.AgreementRecords;
import io.tollway.application.agreement.AgreementRequests;
import io.tollway.application.agreement.AgreementView;
import io.tollway.application.agreement.ChequeIntake;
import io.tollway.application.channel.ChannelAgreements;
import io.tollway.application.agreement.Agreements;
import io.tollway.application.agreement.Listing;
import io.tollway.application.agreement.SingleUsageReports;
import io.tollway.application.agreement.UsageIntake;
import io.tollway.application.agreement.TermsChange;
import io.tollway.domain.model.account.Role;
import io.tollway.domain.model.agreement.ProviderCommandKind;
import io.tollway.interfaces.rest.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.math.BigInteger;

/**
 * Agreements: a consumer requests and approves one, the provider changes its terms before both
 * approved, reports usage and provisioning, either party stops it. Each caller sees only its own
 * agreements; another's id is not found.
 */
@ApplicationScoped
@Path("agreements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgreementsResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Says that an answer is the one an earlier request with the same key got. */
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    @EJB
    private Agreements agreements;

    @EJB
    private TermsChange termsChange;

    @EJB
    private AgreementRequests requests;

    @Inject
    private SingleUsageReports usage;

    @Inject
    private ChequeIntake cheques;

    @EJB
    private AgreementRecords records;

    /** A consumer's request on a published offering, with the address and public key of its wallet. */
    public record RequestJson(String offeringId, String consumerAddress, String consumerPublicKey) {
    }

    /** The consumer's decision: APPROVE (naming the terms it approves) or REJECT (with a reason). */
    public record ApprovalJson(String decision, String termsHash, String reason) {
    }

    /** Usage: an amount of tokens (escrow) or a number of units (payment channel). */
    public record UsageJson(String idempotencyKey, String amount, Long units) {

        /** The report for the agreement; {@code field} names where it is in the request, for errors. */
        UsageIntake.Report report(String agreementId, String field) {
            // the key's length is UsageIntake's rule: a report of many with too long a key is refused on its own
            return new UsageIntake.Report(agreementId, Json.text(idempotencyKey, field + "idempotencyKey"),
                    amount == null ? null : Json.positive(amount, field + "amount"), units);
        }
    }

    /** A cheque: the cumulative balance the consumer owes the provider, and its EIP-712 signature of it. */
    public record ChequeJson(String balance, String signature) {
    }

    public record ProvisioningJson(String command, Boolean succeeded, String credentials, String message) {
    }

    /**
     * With an {@code Idempotency-Key} (1 to 200 printable ASCII characters) the same request again
     * is answered like the first, with the same agreement and {@code Idempotent-Replayed: true};
     * the same key with another request is 409.
     */
    @POST
    public Response request(RequestJson body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, @Context UriInfo uri,
                            @Context SecurityContext security) {
        Caller consumer = Callers.require(security, Role.CONSUMER);
        Json.require(body, "a JSON body with offeringId, consumerAddress and consumerPublicKey");
        AgreementRequests.Requested requested = requests.request(consumer, Json.text(body.offeringId(), "offeringId"),
                Json.text(body.consumerAddress(), "consumerAddress"), Json.text(body.consumerPublicKey(), "consumerPublicKey"),
                idempotencyKey);
        AgreementView created = requested.agreement();
        Response.ResponseBuilder answer = Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created);
        return (requested.replayed() ? answer.header(IDEMPOTENT_REPLAYED, "true") : answer).build();
    }

    @GET
    public Page<AgreementView> list(@QueryParam("offset") @DefaultValue("0") int offset,
                                    @QueryParam("limit") @DefaultValue("50") int limit, @Context SecurityContext security) {
        Caller caller = Callers.require(security, Role.values());
        Page.check(offset, limit);
        return new Page<>(agreements.page(caller, offset, limit), offset, limit, agreements.count(caller));
    }

    /** With {@code ?chain=true} the escrow's own figures come along. */
    @GET
    @Path("{id}")
    public AgreementView get(@PathParam("id") String id, @QueryParam("chain") @DefaultValue("false") boolean chain,
                             @Context SecurityContext security) {
        return agreements.find(Callers.require(security, Role.values()), id, chain);
    }

    /** The agreement's bills, newest first. */
    @GET
    @Path("{id}/bills")
    public Page<AgreementView.BillView> bills(@PathParam("id") String id, @QueryParam("offset") @DefaultValue("0") int offset,
                                              @QueryParam("limit") @DefaultValue("50") int limit, @Context SecurityContext security) {
        return page(records::bills, id, offset, limit, security);
    }

    /** A channel agreement's accepted cheques, highest (newest) first; an escrow agreement has none. */
    @GET
    @Path("{id}/cheques")
    public Page<AgreementView.ChequeView> cheques(@PathParam("id") String id, @QueryParam("offset") @DefaultValue("0") int offset,
                                                  @QueryParam("limit") @DefaultValue("50") int limit, @Context SecurityContext security) {
        return page(records::cheques, id, offset, limit, security);
    }

    /** The agreement's chain transactions (a batch of bills counts for each agreement it bills), newest first. */
    @GET
    @Path("{id}/transactions")
    public Page<AgreementView.TransactionView> transactions(@PathParam("id") String id,
                                                            @QueryParam("offset") @DefaultValue("0") int offset,
                                                            @QueryParam("limit") @DefaultValue("50") int limit,
                                                            @Context SecurityContext security) {
        return page(records::transactions, id, offset, limit, security);
    }

    /** One of {@link AgreementRecords}' lists. */
    private interface AgreementList<T> {
        Listing<T> page(Caller caller, String agreementId, int offset, int limit);
    }

    private static <T> Page<T> page(AgreementList<T> list, String id, int offset, int limit, SecurityContext security) {
        Caller caller = Callers.require(security, Role.values());
        Page.check(offset, limit);
        Listing<T> listing = list.page(caller, id, offset, limit);
        return new Page<>(listing.items(), offset, limit, listing.total());
    }

    @POST
    @Path("{id}/approval")
    public AgreementView approval(@PathParam("id") String id, ApprovalJson body, @Context SecurityContext security) {
        Caller consumer = Callers.require(security, Role.CONSUMER);
        Json.require(body, "a JSON body with decision (APPROVE or REJECT)");
        String decision = Json.text(body.decision(), "decision");
        if (!decision.equals("APPROVE") && !decision.equals("REJECT")) {
            throw new IllegalArgumentException("decision must be APPROVE or REJECT");
        }
        boolean approve = decision.equals("APPROVE");
        return agreements.consumerDecision(consumer, id, approve, approve ? Json.text(body.termsHash(), "termsHash") : null, body.reason());
    }

    /**
     * The provider's (or an admin's) new escrow terms, in the shape an offering's escrow terms take,
     * while the agreement awaits approval: both approvals are reset and the approval starts again.
     */
    @PUT
    @Path("{id}/terms")
    public AgreementView terms(@PathParam("id") String id, EscrowTermsJson body, @Context SecurityContext security) {
        Caller caller = Callers.require(security, Role.PROVIDER, Role.ADMIN);
        Json.require(body, "a JSON body with the escrow terms (setupFee, baseFeePerHour, variableFeePerHour, lockupSeconds)");
        return termsChange.change(caller, id, body.toAgreementTerms());
    }

    @POST
    @Path("{id}/stop")
    public Response stop(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.require(security, Role.CONSUMER, Role.PROVIDER, Role.ADMIN);
        return Response.accepted(agreements.stop(caller, id)).build();
    }

    @POST
    @Path("{id}/usage")
    public Response usage(@PathParam("id") String id, UsageJson body, @Context SecurityContext security) {
        Caller provider = Callers.require(security, Role.PROVIDER);
        Json.require(body, "a JSON body with idempotencyKey and amount (escrow) or units (payment channel)");
        Agreements.UsageAccepted accepted = usage.report(provider, body.report(id, ""));
        return Response.status(Response.Status.CREATED).entity(accepted).build();
    }

    /**
     * The consumer's cheque. It is checked against the channel the chain announced for this
     * agreement, the consumer's address and this deployment's contract and chain: nothing in the
     * request names them.
     */
    @POST
    @Path("{id}/cheques")
    public Response cheque(@PathParam("id") String id, ChequeJson body, @Context SecurityContext security) {
        Caller consumer = Callers.require(security, Role.CONSUMER);
        Json.require(body, "a JSON body with balance and signature");
        ChannelAgreements.ChequeAccepted accepted = cheques.cheque(consumer, id, Json.amount(body.balance(), "balance"),
                Json.text(body.signature(), "signature"));
        return Response.status(Response.Status.CREATED).entity(accepted).build();
    }

    @POST
    @Path("{id}/provisioning")
    public Response provisioning(@PathParam("id") String id, ProvisioningJson body, @Context SecurityContext security) {
        Caller provider = Callers.require(security, Role.PROVIDER);
        Json.require(body, "a JSON body with command, succeeded, credentials and message");
        ProviderCommandKind command;
        try {
            command = ProviderCommandKind.valueOf(Json.text(body.command(), "command"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("command must be PROVISION, SUSPEND, RESUME or DEPROVISION");
        }
        if (body.succeeded() == null) {
            throw new IllegalArgumentException("succeeded (true or false) is required");
        }
        agreements.report(id, provider.accountId(), command, body.succeeded(), body.credentials(), body.message());
        return Response.noContent().build();
    }

    /** Checks of request bodies, each failing with a message that names the field. */
    static final class Json {

        private Json() {
        }

        static void require(Object body, String what) {
            if (body == null) {
                throw new IllegalArgumentException(what + " is required");
            }
        }

        static String text(String value, String field) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " is required");
            }
            if (value.length() > 500) {
                throw new IllegalArgumentException(field + " is too long");
            }
            return value.strip();
        }

        static BigInteger positive(String value, String field) {
            BigInteger amount;
            try {
                amount = new BigInteger(text(value, field));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + " must be a whole number of token units, as a decimal string");
            }
            if (amount.signum() <= 0 || amount.bitLength() > 128) {
                throw new IllegalArgumentException(field + " must be more than 0 and below 2^128");
            }
            return amount;
        }

        /** A cumulative amount: 0 or more, below 2^256 (a cheque's balance). */
        static BigInteger amount(String value, String field) {
            BigInteger amount;
            try {
                amount = new BigInteger(text(value, field));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + " must be a whole number of token units, as a decimal string");
            }
            if (amount.signum() < 0 || amount.bitLength() > 256) {
                throw new IllegalArgumentException(field + " must be 0 or more and below 2^256");
            }
            return amount;
        }
    }
}
