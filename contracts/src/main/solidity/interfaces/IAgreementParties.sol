// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

/// @title IAgreementParties
/// @notice Who the two parties of an agreement are (used by UptimeOracle to refuse their reports).
interface IAgreementParties {
    /// @notice The consumer and provider of agreement `id` (zero addresses if it does not exist).
    /// @param id the agreement id
    /// @return consumer the paying party
    /// @return provider the serving party
    function partiesOf(uint256 id) external view returns (address consumer, address provider);
}
