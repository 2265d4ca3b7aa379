// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

// Every custom error of Tollway's contracts, in one place. Each contract's ABI carries the
// errors it can raise; off-chain code decodes them by selector.

// ---- shared ----

/// @notice An address argument was the zero address.
error ZeroAddress();
/// @notice An amount argument was zero where a positive amount is required.
error ZeroAmount();
/// @notice The caller has nothing to withdraw.
error NothingToWithdraw();
/// @notice An amount does not fit the contract's storage width.
error AmountTooLarge(uint256 amount);

// ---- ServiceEscrow ----

/// @notice No agreement has this id.
error AgreementNotFound(uint256 id);
/// @notice Only the consumer or the provider of the agreement may do this.
error NotAParty(uint256 id, address caller);
/// @notice Only the agreement's consumer may do this.
error NotConsumer(uint256 id, address caller);
/// @notice Only the agreement's provider may do this.
error NotProvider(uint256 id, address caller);
/// @notice Consumer and provider must be different accounts.
error SameParties(address account);
/// @notice The agreement is not in a status that allows this (`status` is the current one).
error WrongStatus(uint256 id, uint8 status);
/// @notice The terms are not acceptable (base fee zero, or a value too large).
error InvalidTerms();
/// @notice Metadata must be 1 to 256 bytes.
error InvalidMetadata();
/// @notice The caller approved other terms than the current ones (they changed meanwhile).
error TermsMismatch(uint256 id, bytes32 current, bytes32 approved);
/// @notice The caller already approved these terms.
error AlreadyApproved(uint256 id, address caller);
/// @notice The first deposit must cover the setup fee and the lockup (notice) amount.
error DepositTooSmall(uint256 required, uint256 received);
/// @notice The usage part of a bill is above what the variable fee allows for the elapsed time.
error OverCap(uint256 id, uint256 variableAmount, uint256 cap);
/// @notice The uptime arbiter of the agreement did not answer.
error ArbiterFailed(uint256 id);

// ---- PaymentChannels ----

/// @notice An offering with this hash was already registered.
error OfferingExists(bytes32 offeringHash);
/// @notice No active offering with this hash.
error OfferingNotFound(bytes32 offeringHash);
/// @notice Only the offering's agent may do this.
error NotOfferingAgent(bytes32 offeringHash, address caller);
/// @notice An offering's minimum deposit must be positive.
error ZeroMinimumDeposit();
/// @notice An offering's supply must be positive.
error ZeroSupply();
/// @notice Every unit of the offering's supply is taken by an open channel.
error SupplyExhausted(bytes32 offeringHash);
/// @notice An offering cannot be removed while channels are open on it.
error OfferingHasOpenChannels(bytes32 offeringHash, uint256 openChannels);
/// @notice Too early: allowed from `notBefore` (unix seconds).
error TooEarly(uint256 notBefore);
/// @notice The channel deposit is below the offering's minimum.
error DepositBelowMinimum(uint256 minimum, uint256 deposit);
/// @notice A channel with this key is already open.
error ChannelExists(bytes32 key);
/// @notice No open channel with this key.
error ChannelNotFound(bytes32 key);
/// @notice The consumer already requested an uncooperative close of this channel.
error CloseAlreadyRequested(bytes32 key);
/// @notice No uncooperative close was requested for this channel.
error CloseNotRequested(bytes32 key);
/// @notice A balance is above the channel's deposit.
error BalanceAboveDeposit(uint256 balance, uint256 deposit);
/// @notice The balance proof was not signed by the channel's consumer for this channel and contract.
error InvalidBalanceProof(bytes32 key);
/// @notice The closing signature was not made by the channel's agent for this channel and contract.
error InvalidClosingSignature(bytes32 key);
/// @notice During a challenge the agent may only close with at least the balance the consumer claimed.
error ProofBelowClaimedBalance(uint256 balance, uint256 claimed);
/// @notice The network fee may be at most 10 % (1000 basis points).
error FeeTooHigh(uint256 feeBps, uint256 maxBps);

// ---- UptimeOracle ----

/// @notice A party of the agreement cannot report the uptime of its own service.
error ReporterIsParty(uint256 serviceId, address reporter);
/// @notice The service was deactivated; its history stays readable.
error ServiceInactive(uint256 serviceId);
/// @notice A time window must not end before it starts.
error InvalidWindow(uint256 from, uint256 to);
