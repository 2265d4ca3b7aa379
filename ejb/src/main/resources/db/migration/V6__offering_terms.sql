-- The terms an offering's agreements are made on (see io.tollway.domain.model.offering.Offering
-- and OfferingTerms): one set of nullable columns per settlement model, of which exactly the
-- offering's model's set is filled. Amounts are in the token's smallest unit (numeric(78) holds
-- any uint256), counts and seconds are bigint.
alter table offering
    add column escrow_setup_fee             numeric(78),
    add column escrow_base_fee_per_hour     numeric(78),
    add column escrow_variable_fee_per_hour numeric(78),
    add column escrow_lockup_seconds        bigint,
    add column escrow_uptime_arbitration    boolean,
    add column channel_unit_name            varchar(64),
    add column channel_unit_price           numeric(78),
    add column channel_setup_price          numeric(78),
    add column channel_min_units            bigint,
    add column channel_max_units            bigint,
    add column channel_max_billing_unit_lag bigint,
    add column channel_max_inactive_seconds bigint,
    add column channel_max_suspend_seconds  bigint,
    add column channel_supply               integer,
    -- Offerings submitted before this migration have no terms and nobody can invent them; they
    -- are marked so that the check below still lets their review finish (an update re-checks the
    -- row). The application never sets it: every new offering has terms.
    add column submitted_without_terms      boolean not null default false;

update offering set submitted_without_terms = true;

alter table offering add constraint offering_terms_match_model check (
    (submitted_without_terms
        and num_nonnulls(escrow_setup_fee, escrow_base_fee_per_hour, escrow_variable_fee_per_hour, escrow_lockup_seconds,
                         escrow_uptime_arbitration, channel_unit_name, channel_unit_price, channel_setup_price,
                         channel_min_units, channel_max_units, channel_max_billing_unit_lag,
                         channel_max_inactive_seconds, channel_max_suspend_seconds, channel_supply) = 0)
    or (settlement_model = 'ESCROW'
        and num_nonnulls(escrow_setup_fee, escrow_base_fee_per_hour, escrow_variable_fee_per_hour, escrow_lockup_seconds,
                         escrow_uptime_arbitration) = 5
        and num_nonnulls(channel_unit_name, channel_unit_price, channel_setup_price, channel_min_units, channel_max_units,
                         channel_max_billing_unit_lag, channel_max_inactive_seconds, channel_max_suspend_seconds,
                         channel_supply) = 0)
    or (settlement_model = 'CHANNEL'
        and num_nonnulls(escrow_setup_fee, escrow_base_fee_per_hour, escrow_variable_fee_per_hour, escrow_lockup_seconds,
                         escrow_uptime_arbitration) = 0
        and num_nonnulls(channel_unit_name, channel_unit_price, channel_setup_price, channel_min_units, channel_max_units,
                         channel_max_billing_unit_lag, channel_max_inactive_seconds, channel_max_suspend_seconds,
                         channel_supply) = 9)
);

-- The domain refuses these already (EscrowTerms, ChannelTerms); the database refuses them too, so
-- no other writer can store a unit price of 0 that billing would divide by. A null column passes.
alter table offering add constraint offering_terms_in_range check (
    escrow_setup_fee >= 0 and escrow_base_fee_per_hour > 0 and escrow_variable_fee_per_hour >= 0
    and escrow_lockup_seconds >= 0
    and channel_unit_price > 0 and channel_setup_price >= 0 and channel_min_units >= 1
    and channel_max_units >= channel_min_units and channel_max_billing_unit_lag >= 0
    and channel_max_inactive_seconds > 0 and channel_max_suspend_seconds > 0
    and channel_supply between 1 and 65535
);
