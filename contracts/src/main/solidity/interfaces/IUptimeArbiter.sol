// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

/// @title IUptimeArbiter
/// @notice What ServiceEscrow asks an uptime arbiter: the share of a time window a service was up.
interface IUptimeArbiter {
    /// @notice Uptime of service `serviceId` in the window (`from`, `to`], in basis points
    ///         (10000 = up all the time). A window in the future extends the current status.
    /// @param serviceId the service (for ServiceEscrow: the agreement id)
    /// @param from window start, unix seconds (exclusive)
    /// @param to window end, unix seconds (inclusive)
    /// @return bps uptime in basis points, 0..10000
    function uptimeBps(uint256 serviceId, uint256 from, uint256 to) external view returns (uint256 bps);
}
