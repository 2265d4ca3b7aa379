/**
 * The consumer's wallet. Its key never leaves it: the API tells the wallet what to send
 * ({@code wallet.calls} of an agreement: {@code {purpose, to, data, value}}), and {@link
 * io.tollway.wallet.ChainWallet} signs and sends each call itself and waits for its receipt.
 * {@link io.tollway.wallet.ApiClient} is the API over HTTP, {@link io.tollway.wallet.ConsumerSide}
 * the consumer's steps built from both (request, approve, deposit, open the credentials; for a
 * payment channel also sign cheques — {@link io.tollway.wallet.ChequeTypedData} — and close, settle
 * and withdraw on its own), usable from Java as the end-to-end tests do; {@link io.tollway.wallet.WalletMain} and {@link
 * io.tollway.wallet.WalletCommands} are the command line around them.
 */
package io.tollway.wallet;
