// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestToken
/// @notice An 18-decimal ERC-20 that anyone may mint: for tests, local chains and the demo only.
/// @dev Never deploy it where its tokens are meant to have value.
contract TestToken is ERC20 {
    /// @param name_ the token's name, e.g. "Tollway Test Token"
    /// @param symbol_ the token's symbol, e.g. "TWT"
    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {}

    /// @notice Creates `amount` new tokens (in the smallest unit) for `to`. Open to anyone.
    /// @param to the receiver of the new tokens
    /// @param amount how many base units to create
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
