// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import "./Errors.sol";

/// @title PaymentChannels
/// @notice Uni-directional payment channels from consumers to agents in one ERC-20 token
///         (Tollway settlement model 2, after Privatix and µRaiden).
///
/// An agent registers an offering (hash of the off-chain offering message, minimum deposit,
/// supply) and stakes `minDeposit * supply` of its own tokens. A consumer opens a channel on it
/// with at least the minimum deposit (one unit of supply is taken until the channel closes) and
/// may top it up. While the service runs the consumer signs cumulative balance proofs (EIP-712
/// `BalanceProof(bytes32 channelKey,uint256 balance)` on this contract's domain); the agent keeps
/// the highest. Closing:
///   - cooperativeClose: anyone with the consumer's balance proof and the agent's
///     `ClosingProof(bytes32 channelKey,uint256 balance)` signature over the same balance;
///   - uncooperativeClose by the consumer, claiming a balance; during the challenge period the
///     agent can still close cooperatively with a balance at least as high; after it the
///     consumer calls settle.
/// On close the agent's share (minus the network fee fixed when the channel opened), the fee and
/// the consumer's remainder are credited to internal balances, which their owners withdraw with
/// `withdraw` whenever they like (one transfer for many channels; it keeps closes cheap).
contract PaymentChannels is Ownable, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev Storage of an offering: slot 0 is read and written by createChannel and every close.
    struct Offering {
        address agent;
        uint16 supply;
        uint16 available;
        uint40 updatedAt;
        uint128 minDeposit;
        uint128 stake;
    }

    /// @dev One open channel, one slot. `settleAfter` is 0 until an uncooperative close is requested.
    struct Channel {
        uint128 deposit;
        uint40 settleAfter;
        uint16 feeBps;
    }

    /// @dev Internal balance: cumulative credits and withdrawals (the slot never returns to zero).
    struct Account {
        uint128 credited;
        uint128 withdrawn;
    }

    /// @notice An offering as stored.
    struct OfferingView {
        address agent;
        uint256 minDeposit;
        uint256 supply;
        uint256 available;
        uint256 updatedAt;
        uint256 stake;
    }

    /// @notice EIP-712 type of the consumer's balance proof.
    bytes32 public constant BALANCE_PROOF_TYPEHASH = keccak256("BalanceProof(bytes32 channelKey,uint256 balance)");
    /// @notice EIP-712 type of the agent's closing signature.
    bytes32 public constant CLOSING_PROOF_TYPEHASH = keccak256("ClosingProof(bytes32 channelKey,uint256 balance)");
    /// @notice Highest network fee: 10 %.
    uint256 public constant MAX_FEE_BPS = 1000;

    IERC20 private immutable _token;
    uint256 private immutable _challengePeriod;
    uint256 private immutable _removePeriod;
    uint256 private immutable _popupPeriod;
    uint16 private _feeBps;
    mapping(bytes32 => Offering) private _offerings;
    mapping(bytes32 => Channel) private _channels;
    mapping(bytes32 => uint256) private _closingBalances;
    mapping(address => Account) private _accounts;

    /// @notice An agent registered an offering, staking `stake` tokens.
    event OfferingRegistered(bytes32 indexed offeringHash, address indexed agent, uint256 minDeposit, uint256 supply, uint256 stake);
    /// @notice The agent re-published an offering (it is still alive).
    event OfferingPoppedUp(bytes32 indexed offeringHash, address indexed agent);
    /// @notice The agent removed an offering; its stake was credited back to the agent.
    event OfferingRemoved(bytes32 indexed offeringHash, address indexed agent, uint256 stake);
    /// @notice A consumer opened a channel; `deposit` is what the contract actually received.
    event ChannelCreated(
        bytes32 indexed key,
        address indexed agent,
        address indexed consumer,
        bytes32 offeringHash,
        uint256 openBlock,
        uint256 deposit
    );
    /// @notice The consumer added `added` tokens; the channel now holds `deposit`.
    event ChannelToppedUp(bytes32 indexed key, uint256 added, uint256 deposit);
    /// @notice The consumer asked for an uncooperative close claiming `balance`; settle is possible from `settleAfter`.
    event ChannelCloseRequested(bytes32 indexed key, uint256 balance, uint256 settleAfter);
    /// @notice The channel was closed with both signatures: `balance` credited to the agent (less `fee`), `refund` to the consumer.
    event ChannelClosed(bytes32 indexed key, uint256 balance, uint256 fee, uint256 refund);
    /// @notice The channel was settled after the challenge period: `balance` credited to the agent (less `fee`), `refund` to the consumer.
    event ChannelSettled(bytes32 indexed key, uint256 balance, uint256 fee, uint256 refund);
    /// @notice An account withdrew its internal balance.
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice The owner set the network fee for channels opened from now on.
    event NetworkFeeSet(uint256 feeBps);

    /// @dev The caller must be the agent of an existing offering.
    modifier onlyOfferingAgent(bytes32 offeringHash) {
        address agent = _offerings[offeringHash].agent;
        if (agent == address(0)) revert OfferingNotFound(offeringHash);
        if (agent != msg.sender) revert NotOfferingAgent(offeringHash, msg.sender);
        _;
    }

    /// @param token_ the ERC-20 token of all channels and offerings
    /// @param challengePeriod_ seconds between uncooperativeClose and settle
    /// @param removePeriod_ seconds after an offering's last update before it may be removed
    /// @param popupPeriod_ seconds after an offering's last update before it may be re-published
    constructor(IERC20 token_, uint256 challengePeriod_, uint256 removePeriod_, uint256 popupPeriod_)
        Ownable(msg.sender)
        EIP712("Tollway PaymentChannels", "1")
    {
        if (address(token_) == address(0)) revert ZeroAddress();
        _token = token_;
        _challengePeriod = challengePeriod_;
        _removePeriod = removePeriod_;
        _popupPeriod = popupPeriod_;
    }

    // ------------------------------------------------------------------ offerings

    /// @notice Registers an offering and stakes `minDeposit * supply` of the caller's tokens (needs an allowance).
    /// @param offeringHash hash of the off-chain offering message
    /// @param minDeposit smallest channel deposit accepted (> 0)
    /// @param supply how many channels may be open at once (1..65535)
    function registerOffering(bytes32 offeringHash, uint256 minDeposit, uint256 supply) external nonReentrant {
        if (minDeposit == 0) revert ZeroMinimumDeposit();
        if (supply == 0) revert ZeroSupply();
        if (supply > type(uint16).max) revert AmountTooLarge(supply);
        if (minDeposit > type(uint128).max / supply) revert AmountTooLarge(minDeposit);
        if (_offerings[offeringHash].agent != address(0)) revert OfferingExists(offeringHash);
        uint256 stake = _pull(msg.sender, minDeposit * supply);
        _offerings[offeringHash] = Offering({
            agent: msg.sender,
            supply: uint16(supply),
            available: uint16(supply),
            updatedAt: uint40(block.timestamp),
            minDeposit: uint128(minDeposit),
            stake: uint128(stake)
        });
        emit OfferingRegistered(offeringHash, msg.sender, minDeposit, supply, stake);
    }

    /// @notice Re-publishes an offering (agent only), allowed `popupPeriod` after its last update.
    /// @param offeringHash the offering
    function popupOffering(bytes32 offeringHash) external onlyOfferingAgent(offeringHash) {
        Offering storage o = _offerings[offeringHash];
        uint256 notBefore = uint256(o.updatedAt) + _popupPeriod;
        if (block.timestamp < notBefore) revert TooEarly(notBefore);
        o.updatedAt = uint40(block.timestamp);
        emit OfferingPoppedUp(offeringHash, msg.sender);
    }

    /// @notice Removes an offering (agent only), allowed `removePeriod` after its last update and
    ///         when no channel is open on it. The stake is credited to the agent's internal balance.
    /// @param offeringHash the offering
    function removeOffering(bytes32 offeringHash) external onlyOfferingAgent(offeringHash) {
        Offering storage o = _offerings[offeringHash];
        uint256 notBefore = uint256(o.updatedAt) + _removePeriod;
        if (block.timestamp < notBefore) revert TooEarly(notBefore);
        if (o.available != o.supply) revert OfferingHasOpenChannels(offeringHash, o.supply - o.available);
        uint256 stake = o.stake;
        delete _offerings[offeringHash];
        _credit(msg.sender, stake);
        emit OfferingRemoved(offeringHash, msg.sender, stake);
    }

    // ------------------------------------------------------------------ channels

    /// @notice Opens a channel to `agent` on one of its offerings with `deposit` tokens (needs an allowance).
    /// @param agent the offering's agent
    /// @param offeringHash the offering
    /// @param deposit tokens to lock, at least the offering's minimum deposit
    /// @return key the channel key: getKey(msg.sender, agent, block.number, offeringHash)
    function createChannel(address agent, bytes32 offeringHash, uint256 deposit)
        external
        nonReentrant
        returns (bytes32 key)
    {
        Offering storage o = _offerings[offeringHash];
        if (o.agent != agent || agent == address(0)) revert OfferingNotFound(offeringHash);
        uint256 available = o.available;
        if (available == 0) revert SupplyExhausted(offeringHash);
        uint256 minDeposit = o.minDeposit;
        if (deposit < minDeposit) revert DepositBelowMinimum(minDeposit, deposit);
        key = getKey(msg.sender, agent, block.number, offeringHash);
        Channel storage c = _channels[key];
        if (c.deposit != 0) revert ChannelExists(key);
        uint256 received = _pull(msg.sender, deposit);
        if (received < minDeposit) revert DepositBelowMinimum(minDeposit, received);
        if (received > type(uint128).max) revert AmountTooLarge(received);
        o.available = uint16(available - 1);
        c.deposit = uint128(received);
        c.feeBps = _feeBps;
        emit ChannelCreated(key, agent, msg.sender, offeringHash, block.number, received);
    }

    /// @notice Adds tokens to the caller's open channel (not after an uncooperative close was requested).
    /// @param agent the channel's agent
    /// @param openBlock the block the channel was opened in
    /// @param offeringHash the channel's offering
    /// @param amount tokens to add
    function topUp(address agent, uint256 openBlock, bytes32 offeringHash, uint256 amount) external nonReentrant {
        bytes32 key = getKey(msg.sender, agent, openBlock, offeringHash);
        Channel storage c = _channels[key];
        if (c.deposit == 0) revert ChannelNotFound(key);
        if (c.settleAfter != 0) revert CloseAlreadyRequested(key);
        if (amount == 0) revert ZeroAmount();
        uint256 added = _pull(msg.sender, amount);
        uint256 deposit = c.deposit + added;
        if (deposit > type(uint128).max) revert AmountTooLarge(deposit);
        c.deposit = uint128(deposit);
        emit ChannelToppedUp(key, added, deposit);
    }

    /// @notice Closes a channel with the consumer's balance proof and the agent's closing signature
    ///         over the same balance (callable by anyone, also during a challenge period, where the
    ///         balance must be at least the one the consumer claimed).
    /// @param consumer the channel's consumer
    /// @param agent the channel's agent
    /// @param openBlock the block the channel was opened in
    /// @param offeringHash the channel's offering
    /// @param balance cumulative amount owed to the agent, at most the deposit
    /// @param balanceSig the consumer's EIP-712 BalanceProof signature
    /// @param closingSig the agent's EIP-712 ClosingProof signature
    function cooperativeClose(
        address consumer,
        address agent,
        uint256 openBlock,
        bytes32 offeringHash,
        uint256 balance,
        bytes calldata balanceSig,
        bytes calldata closingSig
    ) external nonReentrant {
        bytes32 key = getKey(consumer, agent, openBlock, offeringHash);
        Channel memory c = _channels[key];
        if (c.deposit == 0) revert ChannelNotFound(key);
        if (balance > c.deposit) revert BalanceAboveDeposit(balance, c.deposit);
        if (_signer(BALANCE_PROOF_TYPEHASH, key, balance, balanceSig) != consumer) revert InvalidBalanceProof(key);
        if (_signer(CLOSING_PROOF_TYPEHASH, key, balance, closingSig) != agent) revert InvalidClosingSignature(key);
        if (c.settleAfter != 0) {
            uint256 claimed = _closingBalances[key];
            if (balance < claimed) revert ProofBelowClaimedBalance(balance, claimed);
            delete _closingBalances[key];
        }
        delete _channels[key];
        (uint256 fee, uint256 refund) = _payOut(consumer, agent, offeringHash, c, balance);
        emit ChannelClosed(key, balance, fee, refund);
    }

    /// @notice Starts an uncooperative close of the caller's channel, claiming `balance` for the
    ///         agent; opens the challenge period.
    /// @param agent the channel's agent
    /// @param openBlock the block the channel was opened in
    /// @param offeringHash the channel's offering
    /// @param balance what the consumer accepts to owe the agent, at most the deposit
    function uncooperativeClose(address agent, uint256 openBlock, bytes32 offeringHash, uint256 balance) external {
        bytes32 key = getKey(msg.sender, agent, openBlock, offeringHash);
        Channel storage c = _channels[key];
        uint256 deposit = c.deposit;
        if (deposit == 0) revert ChannelNotFound(key);
        if (c.settleAfter != 0) revert CloseAlreadyRequested(key);
        if (balance > deposit) revert BalanceAboveDeposit(balance, deposit);
        uint256 settleAfter = block.timestamp + _challengePeriod;
        c.settleAfter = uint40(settleAfter);
        if (balance != 0) _closingBalances[key] = balance;
        emit ChannelCloseRequested(key, balance, settleAfter);
    }

    /// @notice Settles the caller's channel after the challenge period: the claimed balance is
    ///         credited to the agent, the rest to the consumer (both withdraw it with `withdraw`).
    /// @param agent the channel's agent
    /// @param openBlock the block the channel was opened in
    /// @param offeringHash the channel's offering
    function settle(address agent, uint256 openBlock, bytes32 offeringHash) external nonReentrant {
        bytes32 key = getKey(msg.sender, agent, openBlock, offeringHash);
        Channel memory c = _channels[key];
        if (c.deposit == 0) revert ChannelNotFound(key);
        if (c.settleAfter == 0) revert CloseNotRequested(key);
        if (block.timestamp < c.settleAfter) revert TooEarly(c.settleAfter);
        uint256 balance = _closingBalances[key];
        if (balance != 0) delete _closingBalances[key];
        delete _channels[key];
        (uint256 fee, uint256 refund) = _payOut(msg.sender, agent, offeringHash, c, balance);
        emit ChannelSettled(key, balance, fee, refund);
    }

    // ------------------------------------------------------------------ internal balances, fee

    /// @notice Withdraws the caller's internal balance (agent earnings, consumer refunds, returned stakes, network fees).
    /// @return amount the tokens transferred
    function withdraw() external nonReentrant returns (uint256 amount) {
        Account storage account = _accounts[msg.sender];
        uint128 credited = account.credited;
        amount = credited - account.withdrawn;
        if (amount == 0) revert NothingToWithdraw();
        account.withdrawn = credited;
        emit Withdrawn(msg.sender, amount);
        _token.safeTransfer(msg.sender, amount);
    }

    /// @notice Sets the network fee (owner only) taken from the agent's share of channels opened from now on.
    /// @param feeBps fee in basis points, at most MAX_FEE_BPS (10 %)
    function setNetworkFee(uint256 feeBps) external onlyOwner {
        if (feeBps > MAX_FEE_BPS) revert FeeTooHigh(feeBps, MAX_FEE_BPS);
        _feeBps = uint16(feeBps);
        emit NetworkFeeSet(feeBps);
    }

    // ------------------------------------------------------------------ views

    /// @notice The key of a channel: it binds consumer, agent, opening block and offering.
    /// @param consumer the channel's consumer
    /// @param agent the channel's agent
    /// @param openBlock the block the channel was opened in
    /// @param offeringHash the channel's offering
    /// @return the channel key
    function getKey(address consumer, address agent, uint256 openBlock, bytes32 offeringHash)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encodePacked(consumer, agent, uint32(openBlock), offeringHash));
    }

    /// @notice A channel's state (deposit 0 = no open channel).
    /// @param key the channel key
    /// @return deposit tokens locked in the channel
    /// @return settleAfter when settle becomes possible (0 = no close requested)
    /// @return closingBalance the balance claimed by the consumer's uncooperative close
    /// @return feeBps the network fee fixed when the channel opened
    function channel(bytes32 key)
        external
        view
        returns (uint256 deposit, uint256 settleAfter, uint256 closingBalance, uint256 feeBps)
    {
        Channel storage c = _channels[key];
        return (c.deposit, c.settleAfter, _closingBalances[key], c.feeBps);
    }

    /// @notice An offering (agent zero = none).
    /// @param offeringHash the offering
    /// @return v the offering
    function offering(bytes32 offeringHash) external view returns (OfferingView memory v) {
        Offering storage o = _offerings[offeringHash];
        v = OfferingView(o.agent, o.minDeposit, o.supply, o.available, o.updatedAt, o.stake);
    }

    /// @notice The EIP-712 digest a consumer signs for `balance` on channel `key`.
    /// @param key the channel key
    /// @param balance cumulative balance owed to the agent
    /// @return the digest
    function balanceProofDigest(bytes32 key, uint256 balance) external view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(BALANCE_PROOF_TYPEHASH, key, balance)));
    }

    /// @notice The EIP-712 digest an agent signs to close channel `key` at `balance`.
    /// @param key the channel key
    /// @param balance cumulative balance owed to the agent
    /// @return the digest
    function closingProofDigest(bytes32 key, uint256 balance) external view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(CLOSING_PROOF_TYPEHASH, key, balance)));
    }

    /// @notice The EIP-712 domain separator (name "Tollway PaymentChannels", version "1", this chain, this contract).
    /// @return the domain separator
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice An account's internal balance: credited in total, withdrawn in total, withdrawable now.
    /// @param account the account
    /// @return credited cumulative credits
    /// @return withdrawn cumulative withdrawals
    /// @return withdrawable credited minus withdrawn
    function accountOf(address account)
        external
        view
        returns (uint256 credited, uint256 withdrawn, uint256 withdrawable)
    {
        Account storage a = _accounts[account];
        return (a.credited, a.withdrawn, a.credited - a.withdrawn);
    }

    /// @notice The token of all channels.
    /// @return the ERC-20 token
    function token() external view returns (IERC20) {
        return _token;
    }

    /// @notice The network fee for channels opened now, in basis points.
    /// @return the fee
    function networkFeeBps() external view returns (uint256) {
        return _feeBps;
    }

    /// @notice The configured periods, in seconds.
    /// @return challenge between uncooperativeClose and settle
    /// @return remove after an offering's last update before removal
    /// @return popup after an offering's last update before re-publication
    function periods() external view returns (uint256 challenge, uint256 remove, uint256 popup) {
        return (_challengePeriod, _removePeriod, _popupPeriod);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Pays out a closed channel to internal balances: agent's share, network fee, consumer's remainder.
    function _payOut(address consumer, address agent, bytes32 offeringHash, Channel memory c, uint256 balance)
        private
        returns (uint256 fee, uint256 refund)
    {
        _offerings[offeringHash].available += 1;
        if (balance != 0) {
            fee = balance * c.feeBps / 10_000;
            if (fee != 0) _credit(owner(), fee);
            _credit(agent, balance - fee);
        }
        refund = c.deposit - balance;
        if (refund != 0) _credit(consumer, refund);
    }

    function _signer(bytes32 typeHash, bytes32 key, uint256 balance, bytes calldata signature)
        private
        view
        returns (address signer)
    {
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(typeHash, key, balance)));
        (address recovered, ECDSA.RecoverError error,) = ECDSA.tryRecover(digest, signature);
        return error == ECDSA.RecoverError.NoError ? recovered : address(0);
    }

    function _credit(address account, uint256 amount) private {
        Account storage a = _accounts[account];
        uint256 credited = uint256(a.credited) + amount;
        if (credited > type(uint128).max) revert AmountTooLarge(credited);
        a.credited = uint128(credited);
    }

    /// @dev Pulls `amount` from `from` and returns what actually arrived (fee-on-transfer tokens).
    function _pull(address from, uint256 amount) private returns (uint256 received) {
        uint256 before = _token.balanceOf(address(this));
        _token.safeTransferFrom(from, address(this), amount);
        received = _token.balanceOf(address(this)) - before;
        if (received == 0) revert ZeroAmount();
    }
}
