-- The chain event reader (io.tollway.infrastructure.chain.events.ChainEventReader) keeps all of
-- its progress here, so a restarted node, or another node taking over, continues exactly where
-- the last one committed.

-- Where each reader stopped: the last block whose events are all handled. The hash is kept with
-- the number because a number alone cannot tell that a reorganisation replaced the block.
create table chain_event_cursor (
    reader       varchar(64) primary key,
    block_number bigint      not null,
    block_hash   varchar(66) not null,
    updated_at   timestamptz not null
);

-- Hashes of recently read blocks (every block that had events, and the last block of each read).
-- After a reorganisation the newest of them that is still on the chain is the fork point to read
-- again from. Only the newest 256 per reader are kept: a deeper reorganisation reads again from
-- the reader's start block.
create table chain_block (
    reader varchar(64) not null,
    number bigint      not null,
    hash   varchar(66) not null,
    primary key (reader, number)
);

-- Every event handed to the domain. The unique key on the log's place in its block makes the
-- hand-over exactly once: reading a block again inserts nothing and calls no handler. Rows of a
-- replaced chain stay, marked ORPHANED, as the record of what the domain was told to undo.
create table chain_event (
    id               bigserial   primary key,
    reader           varchar(64) not null,
    contract         varchar(42) not null,
    name             varchar(64) not null,
    block_number     bigint      not null,
    block_hash       varchar(66) not null,
    log_index        integer     not null,
    transaction_hash varchar(66) not null,
    subject          varchar(80) not null,
    payload          jsonb       not null,
    -- the log as the node returned it: an orphaned event is decoded again exactly as it was handled
    log_topics       text[]      not null,
    log_data         text        not null,
    state            varchar(10) not null check (state in ('HANDLED', 'ORPHANED')),
    handled_at       timestamptz not null,
    orphaned_at      timestamptz,
    constraint chain_event_handled_once unique (block_hash, log_index)
);

-- a reorganisation orphans the events a reader handled above the fork point
create index chain_event_reader_block_idx on chain_event (reader, block_number) where state = 'HANDLED';
-- the domain and the console look up everything that happened to one agreement or channel
create index chain_event_subject_idx on chain_event (subject);
