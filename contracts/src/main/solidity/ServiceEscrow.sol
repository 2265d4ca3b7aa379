// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import "./Errors.sol";
import {IAgreementParties} from "./interfaces/IAgreementParties.sol";
import {IUptimeArbiter} from "./interfaces/IUptimeArbiter.sol";

/// @title ServiceEscrow
/// @notice Escrow billing of off-chain services in one ERC-20 token (Tollway settlement model 1).
///
/// Life of an agreement:
///   createAgreement (consumer or provider) -> Created
///   setTerms (provider) / setMetadata (either)  -> Ready once base fee > 0 and metadata set
///   approve(termsHash) by both parties           -> Approved (any change of terms resets approvals)
///   first deposit (consumer, >= setup fee + lockup amount) -> Active, setup fee earned by the provider
///   bill / billMany (provider), deposits (consumer, top-ups)
///   stop (either party) -> Stopped, settling base fee up to now plus the lockup (notice) period;
///   or a bill the deposit cannot cover -> OutOfFunds (pays what is left)
///   reject (either, before approval) -> Rejected; stop before activation -> Cancelled.
///
/// A bill charges `baseFeePerHour * T / 3600` (times the arbiter's uptime, if any) plus a usage
/// part capped at `variableFeePerHour * T / 3600`, with `T = min(now - lastBill, 3600)`.
/// Amounts are credited to internal balances: the provider withdraws its earnings (earned minus
/// withdrawn, across all its agreements) whenever it likes; the consumer withdraws what is left
/// once the agreement ended. While an agreement is active its remaining deposit never drops
/// below the lockup amount `baseFeePerHour * lockupSeconds / 3600`, so the notice period is
/// always paid.
contract ServiceEscrow is IAgreementParties, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Status of an agreement. Stopped, OutOfFunds, Rejected and Cancelled are final.
    enum Status {
        None,
        Created,
        Ready,
        Approved,
        Active,
        Stopped,
        OutOfFunds,
        Rejected,
        Cancelled
    }

    /// @notice Outcome of one bill of a billMany call (also the reason code of BillRejected).
    enum BillOutcome {
        Paid,
        OutOfFunds,
        NotProvider,
        NotActive,
        OverCap,
        ArbiterFailed
    }

    /// @notice One entry of billMany.
    struct BillRequest {
        uint256 id;
        uint256 variableAmount;
        bytes32 ref;
    }

    /// @notice Everything about an agreement except its metadata (see metadataOf).
    struct AgreementView {
        address consumer;
        address provider;
        address arbiter;
        Status status;
        uint256 setupFee;
        uint256 baseFeePerHour;
        uint256 variableFeePerHour;
        uint256 lockupSeconds;
        uint256 lastBillAt;
        uint256 remaining;
        uint256 deposited;
        uint256 refunded;
        bool consumerApproved;
        bool providerApproved;
    }

    /// @dev Storage of one agreement, packed so that a bill reads three slots and writes one.
    struct Agreement {
        // slot 0: written by every bill
        uint128 remaining;
        uint40 lastBillAt;
        uint32 lockupSeconds;
        Status status;
        bool consumerApproved;
        bool providerApproved;
        // slot 1: read by every bill
        address provider;
        uint96 baseFeePerHour;
        // slot 2: read by every bill
        address arbiter;
        uint96 variableFeePerHour;
        // slot 3
        address consumer;
        uint96 setupFee;
        // slot 4: only deposits and refunds
        uint128 deposited;
        uint128 refunded;
        // slot 5..
        string metadata;
    }

    /// @dev A provider's earnings: cumulative earned and cumulative withdrawn, one slot.
    struct Account {
        uint128 earned;
        uint128 withdrawn;
    }

    /// @notice Longest stretch of time one bill covers, in seconds.
    uint256 public constant MAX_BILL_SECONDS = 3600;
    /// @notice Basis points of a full uptime.
    uint256 public constant FULL_UPTIME_BPS = 10_000;
    /// @notice Gas an uptime arbiter may use per question (the UptimeOracle needs a few thousand).
    uint256 public constant ARBITER_GAS = 100_000;
    /// @notice Longest metadata, in bytes.
    uint256 public constant MAX_METADATA_BYTES = 256;

    IERC20 private immutable _token;
    uint256 private _lastId;
    mapping(uint256 => Agreement) private _agreements;
    mapping(address => Account) private _accounts;

    /// @notice An agreement was created by `creator` (its consumer or provider).
    event AgreementCreated(uint256 indexed id, address indexed consumer, address indexed provider, address creator);
    /// @notice The provider set the terms; `termsHash` is what both parties must approve.
    event TermsSet(
        uint256 indexed id,
        uint256 setupFee,
        uint256 baseFeePerHour,
        uint256 variableFeePerHour,
        uint256 lockupSeconds,
        address arbiter,
        bytes32 termsHash
    );
    /// @notice A party set the metadata; `termsHash` is the new hash to approve.
    event MetadataSet(uint256 indexed id, address indexed by, string metadata, bytes32 termsHash);
    /// @notice Terms and metadata are complete: the agreement can be approved.
    event AgreementReady(uint256 indexed id, bytes32 termsHash);
    /// @notice Earlier approvals were withdrawn because the terms changed.
    event ApprovalsReset(uint256 indexed id);
    /// @notice `party` approved the terms with hash `termsHash`.
    event ApprovalGiven(uint256 indexed id, address indexed party, bytes32 termsHash);
    /// @notice Both parties approved the same terms: the agreement waits for the first deposit.
    event AgreementApproved(uint256 indexed id, bytes32 termsHash);
    /// @notice A party rejected the agreement before it was approved; it is over.
    event AgreementRejected(uint256 indexed id, address indexed by);
    /// @notice A party cancelled the agreement before it was activated; it is over.
    event AgreementCancelled(uint256 indexed id, address indexed by);
    /// @notice The consumer deposited; `amount` is what the escrow actually received.
    event Deposited(uint256 indexed id, address indexed consumer, uint256 amount, uint256 remaining);
    /// @notice The first deposit activated the agreement; the provider earned the setup fee. Billing time starts at `at`.
    event AgreementActivated(uint256 indexed id, uint256 setupFee, uint256 at);
    /// @notice A bill was paid in full: `baseAmount + variableAmount` moved from the deposit to the provider, covering `billedSeconds`.
    event BillPaid(uint256 indexed id, bytes32 indexed ref, uint256 baseAmount, uint256 variableAmount, uint256 billedSeconds);
    /// @notice A bill came later than one hour after the previous one: `elapsedSeconds - billedSeconds` were not billed.
    event BillLate(uint256 indexed id, uint256 elapsedSeconds, uint256 billedSeconds);
    /// @notice A bill of a billMany call was refused; `reason` is a BillOutcome.
    event BillRejected(uint256 indexed id, uint8 reason);
    /// @notice A bill of `owed` found only `paid` in the deposit: the provider got it all and the agreement ended.
    event OutOfFunds(uint256 indexed id, bytes32 indexed ref, uint256 owed, uint256 paid);
    /// @notice A party stopped the agreement: `settled` (base fee up to now plus the lockup) went to the provider, `remaining` is the consumer's.
    event AgreementStopped(uint256 indexed id, address indexed by, uint256 settled, uint256 remaining);
    /// @notice A provider withdrew earnings.
    event EarningsWithdrawn(address indexed provider, uint256 amount);
    /// @notice The consumer withdrew what was left of an ended agreement.
    event RefundWithdrawn(uint256 indexed id, address indexed consumer, uint256 amount);

    modifier onlyParty(uint256 id) {
        Agreement storage a = _agreements[id];
        if (a.status == Status.None) revert AgreementNotFound(id);
        if (msg.sender != a.consumer && msg.sender != a.provider) revert NotAParty(id, msg.sender);
        _;
    }

    modifier onlyConsumer(uint256 id) {
        Agreement storage a = _agreements[id];
        if (a.status == Status.None) revert AgreementNotFound(id);
        if (msg.sender != a.consumer) revert NotConsumer(id, msg.sender);
        _;
    }

    modifier onlyProvider(uint256 id) {
        Agreement storage a = _agreements[id];
        if (a.status == Status.None) revert AgreementNotFound(id);
        if (msg.sender != a.provider) revert NotProvider(id, msg.sender);
        _;
    }

    /// @dev Terms may change only before both parties approved.
    modifier negotiable(uint256 id) {
        Status s = _agreements[id].status;
        if (s != Status.Created && s != Status.Ready) revert WrongStatus(id, uint8(s));
        _;
    }

    /// @param token_ the ERC-20 token all agreements of this escrow are paid in
    constructor(IERC20 token_) {
        if (address(token_) == address(0)) revert ZeroAddress();
        _token = token_;
    }

    // ------------------------------------------------------------------ negotiation

    /// @notice Creates an agreement between `consumer` and `provider`; the caller must be one of them.
    /// @param consumer the paying party
    /// @param provider the serving party (sets the terms, bills, earns)
    /// @return id the new agreement's id (ids start at 1)
    function createAgreement(address consumer, address provider) external returns (uint256 id) {
        if (consumer == address(0) || provider == address(0)) revert ZeroAddress();
        if (consumer == provider) revert SameParties(consumer);
        if (msg.sender != consumer && msg.sender != provider) revert NotAParty(0, msg.sender);
        id = ++_lastId;
        Agreement storage a = _agreements[id];
        a.consumer = consumer;
        a.provider = provider;
        a.status = Status.Created;
        emit AgreementCreated(id, consumer, provider, msg.sender);
    }

    /// @notice Sets the terms (provider only, before approval). Resets any approval given so far.
    /// @param id the agreement
    /// @param setupFee charged once at activation (covers teardown too)
    /// @param baseFeePerHour constant price per hour; must be > 0 for the agreement to become ready
    /// @param variableFeePerHour cap on usage charges per hour
    /// @param lockupSeconds notice period the provider is paid after a stop (0 for none)
    /// @param arbiter uptime arbiter scaling the base fee (address(0) for none; must be a contract)
    function setTerms(
        uint256 id,
        uint256 setupFee,
        uint256 baseFeePerHour,
        uint256 variableFeePerHour,
        uint256 lockupSeconds,
        address arbiter
    ) external onlyProvider(id) negotiable(id) {
        if (
            setupFee > type(uint96).max || baseFeePerHour > type(uint96).max
                || variableFeePerHour > type(uint96).max || lockupSeconds > type(uint32).max
        ) revert InvalidTerms();
        if (arbiter != address(0) && arbiter.code.length == 0) revert InvalidTerms();
        Agreement storage a = _agreements[id];
        a.setupFee = uint96(setupFee);
        a.baseFeePerHour = uint96(baseFeePerHour);
        a.variableFeePerHour = uint96(variableFeePerHour);
        a.lockupSeconds = uint32(lockupSeconds);
        a.arbiter = arbiter;
        _resetApprovals(id, a);
        bytes32 hash = _termsHash(id, a);
        emit TermsSet(id, setupFee, baseFeePerHour, variableFeePerHour, lockupSeconds, arbiter, hash);
        _updateReadiness(id, a, hash);
    }

    /// @notice Sets the agreement's metadata (either party, before approval), e.g. the service description.
    ///         It is part of the approved terms, so a change resets any approval.
    /// @param id the agreement
    /// @param metadata 1..256 bytes
    function setMetadata(uint256 id, string calldata metadata) external onlyParty(id) negotiable(id) {
        if (bytes(metadata).length == 0 || bytes(metadata).length > MAX_METADATA_BYTES) revert InvalidMetadata();
        Agreement storage a = _agreements[id];
        a.metadata = metadata;
        _resetApprovals(id, a);
        bytes32 hash = _termsHash(id, a);
        emit MetadataSet(id, msg.sender, metadata, hash);
        _updateReadiness(id, a, hash);
    }

    /// @notice Approves the current terms. `termsHash` must equal termsHash(id), so a change of
    ///         terms racing this call makes it fail instead of approving terms the caller never saw.
    /// @param id the agreement (must be Ready)
    /// @param termsHash_ the hash of the terms the caller approves
    function approve(uint256 id, bytes32 termsHash_) external onlyParty(id) {
        Agreement storage a = _agreements[id];
        if (a.status != Status.Ready) revert WrongStatus(id, uint8(a.status));
        bytes32 current = _termsHash(id, a);
        if (termsHash_ != current) revert TermsMismatch(id, current, termsHash_);
        if (msg.sender == a.consumer) {
            if (a.consumerApproved) revert AlreadyApproved(id, msg.sender);
            a.consumerApproved = true;
        } else {
            if (a.providerApproved) revert AlreadyApproved(id, msg.sender);
            a.providerApproved = true;
        }
        emit ApprovalGiven(id, msg.sender, current);
        if (a.consumerApproved && a.providerApproved) {
            a.status = Status.Approved;
            emit AgreementApproved(id, current);
        }
    }

    /// @notice Rejects the agreement before both parties approved it; it ends.
    /// @param id the agreement
    function reject(uint256 id) external onlyParty(id) negotiable(id) {
        _agreements[id].status = Status.Rejected;
        emit AgreementRejected(id, msg.sender);
    }

    // ------------------------------------------------------------------ money in

    /// @notice Deposits `amount` tokens (consumer only; needs an ERC-20 allowance). The first
    ///         deposit after approval activates the agreement and pays the setup fee; later ones top up.
    ///         The agreement is credited with what the escrow actually received.
    /// @param id the agreement (Approved or Active)
    /// @param amount tokens to transfer from the consumer
    function deposit(uint256 id, uint256 amount) external nonReentrant onlyConsumer(id) {
        Agreement storage a = _agreements[id];
        Status s = a.status;
        if (s != Status.Approved && s != Status.Active) revert WrongStatus(id, uint8(s));
        if (amount == 0) revert ZeroAmount();
        uint256 received = _pull(msg.sender, amount);
        uint256 remaining = uint256(a.remaining) + received;
        a.deposited = _to128(uint256(a.deposited) + received);
        if (s == Status.Approved) {
            uint256 setupFee = a.setupFee;
            uint256 required = setupFee + _lockupAmount(a);
            if (received < required) revert DepositTooSmall(required, received);
            remaining -= setupFee;
            a.remaining = _to128(remaining);
            a.lastBillAt = uint40(block.timestamp);
            a.status = Status.Active;
            _credit(a.provider, setupFee);
            emit Deposited(id, msg.sender, received, remaining);
            emit AgreementActivated(id, setupFee, block.timestamp);
        } else {
            a.remaining = _to128(remaining);
            emit Deposited(id, msg.sender, received, remaining);
        }
    }

    // ------------------------------------------------------------------ billing

    /// @notice Bills an active agreement (provider only): base fee for the time since the last
    ///         bill (at most one hour) plus `variableAmount` of usage. If the deposit cannot pay,
    ///         it pays what is left and the agreement ends as OutOfFunds (the call succeeds).
    /// @param id the agreement
    /// @param variableAmount usage charge, at most variableFeePerHour * T / 3600
    /// @param ref the provider's reference for this bill (e.g. a usage report id)
    /// @return paid the amount moved to the provider's earnings
    function bill(uint256 id, uint256 variableAmount, bytes32 ref) external returns (uint256 paid) {
        BillOutcome outcome;
        (outcome, paid) = _bill(id, variableAmount, ref);
        if (outcome == BillOutcome.Paid || outcome == BillOutcome.OutOfFunds) {
            _credit(msg.sender, paid);
            return paid;
        }
        Agreement storage a = _agreements[id];
        if (a.status == Status.None) revert AgreementNotFound(id);
        if (outcome == BillOutcome.NotProvider) revert NotProvider(id, msg.sender);
        if (outcome == BillOutcome.NotActive) revert WrongStatus(id, uint8(a.status));
        if (outcome == BillOutcome.OverCap) {
            revert OverCap(id, variableAmount, uint256(a.variableFeePerHour) * _billableSeconds(a.lastBillAt) / MAX_BILL_SECONDS);
        }
        revert ArbiterFailed(id);
    }

    /// @notice Bills many agreements of the caller in one transaction. A bill that cannot be made
    ///         is skipped with a BillRejected event; the others go through.
    /// @param bills the bills (agreement id, usage amount, reference)
    /// @return total the amount credited to the caller's earnings
    function billMany(BillRequest[] calldata bills) external returns (uint256 total) {
        uint256 n = bills.length;
        for (uint256 i; i < n; ++i) {
            BillRequest calldata b = bills[i];
            (BillOutcome outcome, uint256 paid) = _bill(b.id, b.variableAmount, b.ref);
            if (outcome == BillOutcome.Paid || outcome == BillOutcome.OutOfFunds) {
                total += paid;
            } else {
                emit BillRejected(b.id, uint8(outcome));
            }
        }
        if (total > 0) _credit(msg.sender, total);
    }

    // ------------------------------------------------------------------ ending

    /// @notice Ends the agreement (either party, at any time). Before activation it is cancelled.
    ///         An active agreement is settled: base fee up to now (at most one hour since the last
    ///         bill, scaled by uptime) plus the lockup amount go to the provider; the rest stays
    ///         for the consumer to withdraw.
    /// @param id the agreement
    function stop(uint256 id) external onlyParty(id) {
        Agreement storage a = _agreements[id];
        Status s = a.status;
        if (s == Status.Created || s == Status.Ready || s == Status.Approved) {
            a.status = Status.Cancelled;
            emit AgreementCancelled(id, msg.sender);
            return;
        }
        if (s != Status.Active) revert WrongStatus(id, uint8(s));
        uint256 owed = _stopSettlement(id, a, block.timestamp);
        uint256 remaining = a.remaining;
        uint256 settled = owed < remaining ? owed : remaining;
        remaining -= settled;
        a.remaining = uint128(remaining);
        a.lastBillAt = uint40(block.timestamp);
        a.status = Status.Stopped;
        _credit(a.provider, settled);
        emit AgreementStopped(id, msg.sender, settled, remaining);
    }

    // ------------------------------------------------------------------ money out

    /// @notice Withdraws all of the caller's earnings not yet withdrawn (earned minus withdrawn).
    /// @return amount the tokens transferred to the caller
    function withdrawEarnings() external nonReentrant returns (uint256 amount) {
        Account storage account = _accounts[msg.sender];
        uint128 earned = account.earned;
        amount = earned - account.withdrawn;
        if (amount == 0) revert NothingToWithdraw();
        account.withdrawn = earned;
        emit EarningsWithdrawn(msg.sender, amount);
        _token.safeTransfer(msg.sender, amount);
    }

    /// @notice Withdraws what is left of an ended (Stopped or OutOfFunds) agreement's deposit (consumer only).
    /// @param id the agreement
    /// @return amount the tokens transferred to the consumer
    function withdrawRefund(uint256 id) external nonReentrant onlyConsumer(id) returns (uint256 amount) {
        Agreement storage a = _agreements[id];
        if (a.status != Status.Stopped && a.status != Status.OutOfFunds) revert WrongStatus(id, uint8(a.status));
        amount = a.remaining;
        if (amount == 0) revert NothingToWithdraw();
        a.remaining = 0;
        a.refunded = _to128(uint256(a.refunded) + amount);
        emit RefundWithdrawn(id, msg.sender, amount);
        _token.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ views

    /// @notice The token all agreements are paid in.
    /// @return the ERC-20 token
    function token() external view returns (IERC20) {
        return _token;
    }

    /// @notice The id of the newest agreement (0 if none).
    /// @return the highest id handed out
    function lastAgreementId() external view returns (uint256) {
        return _lastId;
    }

    /// @notice All stored facts of an agreement except its metadata.
    /// @param id the agreement
    /// @return v the agreement (status None if it does not exist)
    function agreement(uint256 id) external view returns (AgreementView memory v) {
        Agreement storage a = _agreements[id];
        v.consumer = a.consumer;
        v.provider = a.provider;
        v.arbiter = a.arbiter;
        v.status = a.status;
        v.setupFee = a.setupFee;
        v.baseFeePerHour = a.baseFeePerHour;
        v.variableFeePerHour = a.variableFeePerHour;
        v.lockupSeconds = a.lockupSeconds;
        v.lastBillAt = a.lastBillAt;
        v.remaining = a.remaining;
        v.deposited = a.deposited;
        v.refunded = a.refunded;
        v.consumerApproved = a.consumerApproved;
        v.providerApproved = a.providerApproved;
    }

    /// @notice The agreement's metadata.
    /// @param id the agreement
    /// @return the metadata text
    function metadataOf(uint256 id) external view returns (string memory) {
        return _agreements[id].metadata;
    }

    /// @inheritdoc IAgreementParties
    function partiesOf(uint256 id) external view returns (address consumer, address provider) {
        Agreement storage a = _agreements[id];
        return (a.consumer, a.provider);
    }

    /// @notice The hash both parties approve: agreement, terms and metadata.
    /// @param id the agreement
    /// @return the current terms hash
    function termsHash(uint256 id) external view returns (bytes32) {
        return _termsHash(id, _agreements[id]);
    }

    /// @notice Balances of an agreement as they would be after a bill without usage at time `at`
    ///         (unix seconds, not before the last bill): what the consumer has left, what the
    ///         provider has earned from it in total, and the part of that accrued since the last bill.
    /// @param id the agreement
    /// @param at the time to evaluate
    /// @return consumerRemaining the consumer's deposit left
    /// @return providerEarned everything the provider earned from this agreement (setup fee, bills, settlement)
    /// @return accrued the base fee owed for the time since the last bill (0 unless Active)
    function balancesAt(uint256 id, uint256 at)
        external
        view
        returns (uint256 consumerRemaining, uint256 providerEarned, uint256 accrued)
    {
        Agreement storage a = _agreements[id];
        consumerRemaining = a.remaining;
        providerEarned = uint256(a.deposited) - a.refunded - consumerRemaining;
        if (a.status != Status.Active) return (consumerRemaining, providerEarned, 0);
        uint256 last = a.lastBillAt;
        (bool ok, uint256 basePart) =
            _basePart(a.arbiter, id, last, at, a.baseFeePerHour, _seconds(last, at));
        if (!ok) basePart = 0;
        uint256 available = consumerRemaining - _lockupAmount(a);
        accrued = basePart <= available ? basePart : consumerRemaining;
        consumerRemaining -= accrued;
        providerEarned += accrued;
    }

    /// @notice What a stop at time `at` would move to the provider (base fee up to `at` plus the
    ///         lockup amount, capped by the deposit), and what the consumer would get back.
    /// @param id the agreement
    /// @param at the time to evaluate
    /// @return settled the provider's part
    /// @return refund the consumer's part
    function settlementAt(uint256 id, uint256 at) external view returns (uint256 settled, uint256 refund) {
        Agreement storage a = _agreements[id];
        refund = a.remaining;
        if (a.status != Status.Active) return (0, refund);
        uint256 owed = _stopSettlement(id, a, at);
        settled = owed < refund ? owed : refund;
        refund -= settled;
    }

    /// @notice A provider's earnings: earned in total, withdrawn in total, and withdrawable now.
    /// @param provider the provider account
    /// @return earned cumulative earnings over all its agreements
    /// @return withdrawn cumulative withdrawals
    /// @return withdrawable earned minus withdrawn
    function earningsOf(address provider)
        external
        view
        returns (uint256 earned, uint256 withdrawn, uint256 withdrawable)
    {
        Account storage account = _accounts[provider];
        earned = account.earned;
        withdrawn = account.withdrawn;
        withdrawable = earned - withdrawn;
    }

    // ------------------------------------------------------------------ internals

    /// @dev The bill logic without reverts, shared by bill and billMany. Does not credit the provider.
    function _bill(uint256 id, uint256 variableAmount, bytes32 ref)
        private
        returns (BillOutcome outcome, uint256 paid)
    {
        Agreement storage a = _agreements[id];
        if (a.provider != msg.sender) return (BillOutcome.NotProvider, 0);
        if (a.status != Status.Active) return (BillOutcome.NotActive, 0);
        uint256 elapsed = block.timestamp - a.lastBillAt;
        uint256 billed = elapsed < MAX_BILL_SECONDS ? elapsed : MAX_BILL_SECONDS;
        if (variableAmount > uint256(a.variableFeePerHour) * billed / MAX_BILL_SECONDS) {
            return (BillOutcome.OverCap, 0);
        }
        (bool ok, uint256 basePart) =
            _basePart(a.arbiter, id, a.lastBillAt, block.timestamp, a.baseFeePerHour, billed);
        if (!ok) return (BillOutcome.ArbiterFailed, 0);
        return _pay(id, a, ref, basePart, variableAmount, billed, elapsed);
    }

    /// @dev Moves a bill's amount out of the deposit, or all that is left and ends the agreement.
    function _pay(
        uint256 id,
        Agreement storage a,
        bytes32 ref,
        uint256 basePart,
        uint256 variableAmount,
        uint256 billed,
        uint256 elapsed
    ) private returns (BillOutcome outcome, uint256 paid) {
        uint256 owed = basePart + variableAmount;
        uint256 remaining = a.remaining;
        if (owed + _lockupAmount(a) <= remaining) {
            a.remaining = uint128(remaining - owed);
            a.lastBillAt = uint40(block.timestamp);
            emit BillPaid(id, ref, basePart, variableAmount, billed);
            if (elapsed > MAX_BILL_SECONDS) emit BillLate(id, elapsed, billed);
            return (BillOutcome.Paid, owed);
        }
        a.remaining = 0;
        a.lastBillAt = uint40(block.timestamp);
        a.status = Status.OutOfFunds;
        emit OutOfFunds(id, ref, owed, remaining);
        return (BillOutcome.OutOfFunds, remaining);
    }

    /// @dev Base fee for `billed` seconds of the window (from, to], scaled by the arbiter's uptime.
    function _basePart(address arbiter, uint256 id, uint256 from, uint256 to, uint256 baseFee, uint256 billed)
        private
        view
        returns (bool ok, uint256 amount)
    {
        if (arbiter == address(0)) return (true, baseFee * billed / MAX_BILL_SECONDS);
        if (billed == 0) return (true, 0);
        // A low-level call, because try/catch does not catch an answer that fails to decode: an
        // arbiter that reverts, answers nothing (no code, not an arbiter) or answers garbage has
        // failed, and must never make a stop revert and lock the consumer's deposit. Its gas is
        // capped for the same reason.
        (bool called, bytes memory answer) =
            arbiter.staticcall{gas: ARBITER_GAS}(abi.encodeCall(IUptimeArbiter.uptimeBps, (id, from, to)));
        if (!called || answer.length != 32) return (false, 0);
        uint256 bps = abi.decode(answer, (uint256));
        if (bps > FULL_UPTIME_BPS) bps = FULL_UPTIME_BPS;
        return (true, baseFee * billed * bps / (MAX_BILL_SECONDS * FULL_UPTIME_BPS));
    }

    /// @dev What a stop at `at` owes: base fee since the last bill (arbiter failure counts as no uptime) plus the lockup amount.
    function _stopSettlement(uint256 id, Agreement storage a, uint256 at) private view returns (uint256) {
        uint256 last = a.lastBillAt;
        (bool ok, uint256 basePart) = _basePart(a.arbiter, id, last, at, a.baseFeePerHour, _seconds(last, at));
        if (!ok) basePart = 0;
        return basePart + _lockupAmount(a);
    }

    function _billableSeconds(uint256 last) private view returns (uint256) {
        return _seconds(last, block.timestamp);
    }

    function _seconds(uint256 from, uint256 to) private pure returns (uint256) {
        if (to <= from) return 0;
        uint256 elapsed = to - from;
        return elapsed < MAX_BILL_SECONDS ? elapsed : MAX_BILL_SECONDS;
    }

    function _lockupAmount(Agreement storage a) private view returns (uint256) {
        return uint256(a.baseFeePerHour) * a.lockupSeconds / MAX_BILL_SECONDS;
    }

    function _termsHash(uint256 id, Agreement storage a) private view returns (bytes32) {
        return keccak256(
            abi.encode(
                block.chainid,
                address(this),
                id,
                a.setupFee,
                a.baseFeePerHour,
                a.variableFeePerHour,
                a.lockupSeconds,
                a.arbiter,
                keccak256(bytes(a.metadata))
            )
        );
    }

    function _resetApprovals(uint256 id, Agreement storage a) private {
        if (a.consumerApproved || a.providerApproved) {
            a.consumerApproved = false;
            a.providerApproved = false;
            emit ApprovalsReset(id);
        }
    }

    function _updateReadiness(uint256 id, Agreement storage a, bytes32 hash) private {
        bool ready = a.baseFeePerHour > 0 && bytes(a.metadata).length > 0;
        if (ready && a.status == Status.Created) {
            a.status = Status.Ready;
            emit AgreementReady(id, hash);
        } else if (!ready && a.status == Status.Ready) {
            a.status = Status.Created;
        }
    }

    function _credit(address provider, uint256 amount) private {
        if (amount == 0) return;
        Account storage account = _accounts[provider];
        account.earned = _to128(uint256(account.earned) + amount);
    }

    /// @dev Pulls `amount` from `from` and returns what actually arrived (fee-on-transfer tokens).
    function _pull(address from, uint256 amount) private returns (uint256 received) {
        uint256 before = _token.balanceOf(address(this));
        _token.safeTransferFrom(from, address(this), amount);
        received = _token.balanceOf(address(this)) - before;
        if (received == 0) revert ZeroAmount();
    }

    function _to128(uint256 amount) private pure returns (uint128) {
        if (amount > type(uint128).max) revert AmountTooLarge(amount);
        return uint128(amount);
    }
}
