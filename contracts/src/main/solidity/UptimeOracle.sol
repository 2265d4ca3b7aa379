// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import "./Errors.sol";
import {IAgreementParties} from "./interfaces/IAgreementParties.sol";
import {IUptimeArbiter} from "./interfaces/IUptimeArbiter.sol";

/// @title UptimeOracle
/// @notice Uptime arbiter for ServiceEscrow agreements (service id = agreement id of the escrow
///         given to the constructor). Designated monitors (MONITOR_ROLE, granted by the admin)
///         report status changes; a party of the agreement can never report on it, even with
///         the role. Each change is stored as a checkpoint holding the cumulative up-time up to
///         it, so the uptime of any window is two binary searches, never a loop over time.
///         A deactivated service keeps its history: windows before the deactivation are still
///         answered, so time owed before it can still be settled.
contract UptimeOracle is IUptimeArbiter, AccessControl {
    /// @notice Role of the accounts allowed to report uptime.
    bytes32 public constant MONITOR_ROLE = keccak256("MONITOR_ROLE");

    /// @dev One status change: since `at` the service is `up`; `upBefore` seconds of up-time before `at`.
    struct Checkpoint {
        uint40 at;
        bool up;
        uint64 upBefore;
    }

    struct Service {
        Checkpoint[] checkpoints;
        bool deactivated;
    }

    IAgreementParties private immutable _agreements;
    mapping(uint256 => Service) private _services;

    /// @notice A monitor reported a status change of service `serviceId` at time `at`.
    event StatusReported(uint256 indexed serviceId, address indexed monitor, bool up, uint256 at);
    /// @notice A monitor deactivated service `serviceId`: it counts as down from `at` on, for good.
    event ServiceDeactivated(uint256 indexed serviceId, address indexed monitor, uint256 at);

    /// @dev A party of the agreement behind `serviceId` may not report on it.
    modifier notAParty(uint256 serviceId) {
        (address consumer, address provider) = _agreements.partiesOf(serviceId);
        if (msg.sender == consumer || msg.sender == provider) revert ReporterIsParty(serviceId, msg.sender);
        _;
    }

    modifier active(uint256 serviceId) {
        if (_services[serviceId].deactivated) revert ServiceInactive(serviceId);
        _;
    }

    /// @param admin the account that grants and revokes MONITOR_ROLE (DEFAULT_ADMIN_ROLE)
    /// @param agreements_ the ServiceEscrow whose agreement ids are the service ids here
    constructor(address admin, IAgreementParties agreements_) {
        if (admin == address(0) || address(agreements_) == address(0)) revert ZeroAddress();
        _agreements = agreements_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Reports the status of a service (monitors only, never a party of the agreement).
    ///         Only changes are stored; repeating the current status costs nothing and emits nothing.
    /// @param serviceId the agreement id
    /// @param up whether the service is up from now on
    function reportStatus(uint256 serviceId, bool up)
        external
        onlyRole(MONITOR_ROLE)
        notAParty(serviceId)
        active(serviceId)
    {
        if (_record(serviceId, up)) emit StatusReported(serviceId, msg.sender, up, block.timestamp);
    }

    /// @notice Deactivates a service (monitors only): it is down from now on and takes no more reports.
    ///         Its history stays, so windows before now are still answered.
    /// @param serviceId the agreement id
    function deactivate(uint256 serviceId)
        external
        onlyRole(MONITOR_ROLE)
        notAParty(serviceId)
        active(serviceId)
    {
        _record(serviceId, false);
        _services[serviceId].deactivated = true;
        emit ServiceDeactivated(serviceId, msg.sender, block.timestamp);
    }

    /// @inheritdoc IUptimeArbiter
    /// @dev Time before the first report counts as down.
    function uptimeBps(uint256 serviceId, uint256 from, uint256 to) external view returns (uint256 bps) {
        if (to < from) revert InvalidWindow(from, to);
        if (to == from) return 10_000;
        Checkpoint[] storage cps = _services[serviceId].checkpoints;
        return (_upTimeAt(cps, to) - _upTimeAt(cps, from)) * 10_000 / (to - from);
    }

    /// @notice Seconds the service was up in the window (`from`, `to`].
    /// @param serviceId the agreement id
    /// @param from window start (exclusive)
    /// @param to window end (inclusive)
    /// @return seconds of up-time
    function upSeconds(uint256 serviceId, uint256 from, uint256 to) external view returns (uint256) {
        if (to < from) revert InvalidWindow(from, to);
        Checkpoint[] storage cps = _services[serviceId].checkpoints;
        return _upTimeAt(cps, to) - _upTimeAt(cps, from);
    }

    /// @notice The current status of a service.
    /// @param serviceId the agreement id
    /// @return up whether the latest report says up
    /// @return deactivated whether the service was deactivated
    /// @return changes how many status changes are stored
    function statusOf(uint256 serviceId) external view returns (bool up, bool deactivated, uint256 changes) {
        Service storage s = _services[serviceId];
        changes = s.checkpoints.length;
        up = changes > 0 && s.checkpoints[changes - 1].up;
        deactivated = s.deactivated;
    }

    /// @notice The agreements contract whose ids this oracle reports on.
    /// @return the ServiceEscrow (as IAgreementParties)
    function agreements() external view returns (IAgreementParties) {
        return _agreements;
    }

    /// @dev Appends a checkpoint if the status changes; returns whether it did.
    function _record(uint256 serviceId, bool up) private returns (bool changed) {
        Checkpoint[] storage cps = _services[serviceId].checkpoints;
        uint256 n = cps.length;
        uint256 now_ = block.timestamp;
        if (n == 0) {
            if (!up) return false; // down is the default
            cps.push(Checkpoint(uint40(now_), true, 0));
            return true;
        }
        Checkpoint storage last = cps[n - 1];
        if (last.up == up) return false;
        uint64 upBefore = last.upBefore + (last.up ? uint64(now_ - last.at) : 0);
        if (last.at == now_) {
            // two changes in one second: the newer one replaces the older
            last.up = up;
            return true;
        }
        cps.push(Checkpoint(uint40(now_), up, upBefore));
        return true;
    }

    /// @dev Cumulative up-time from the first report up to `t`, by binary search over the checkpoints.
    function _upTimeAt(Checkpoint[] storage cps, uint256 t) private view returns (uint256) {
        uint256 low = 0;
        uint256 high = cps.length;
        // find the number of checkpoints with at <= t
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (cps[mid].at > t) high = mid;
            else low = mid + 1;
        }
        if (low == 0) return 0;
        Checkpoint storage c = cps[low - 1];
        return c.upBefore + (c.up ? t - c.at : 0);
    }
}
