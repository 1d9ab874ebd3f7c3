-- Matching rounds (issue 14): staff share out a season's offers among the needs of their
-- jurisdiction. A round keeps its settings (scope, weights, equity) as JSON, the totals of
-- its proposal and of the greedy "best first" pairing it is compared with, each pair of
-- both, and what staff accepted: accepted pairs become staff-proposed matches.
create table matching_round (
    matching_round_id integer primary key,
    -- the regency of the regency staff who ran it; null: a province-wide round
    regency_code text references regency (regency_code),
    settings text not null,
    status text not null check (status in ('proposed', 'accepted', 'discarded')),
    needs bigint not null,
    offers bigint not null,
    candidate_pairs bigint not null,
    -- the proposal
    pairs bigint not null,
    villages bigint not null,
    first_time_villages bigint not null,
    total_score double precision not null,
    objective double precision not null,
    -- no assignment of these needs and offers is worth more (the solver's certificate)
    upper_bound double precision not null,
    -- the greedy pairing
    greedy_pairs bigint not null,
    greedy_villages bigint not null,
    greedy_first_time_villages bigint not null,
    greedy_total_score double precision not null,
    greedy_objective double precision not null,
    solve_ms bigint not null,
    created_by bigint not null references app_user (user_id),
    created_at text not null,
    decided_by bigint references app_user (user_id),
    decided_at text,
    accepted_pairs bigint,
    skipped_pairs bigint,
    updated_at text not null
);
create index matching_round_created_idx on matching_round (created_at);

create table matching_round_pair (
    matching_round_pair_id integer primary key,
    matching_round_id bigint not null references matching_round (matching_round_id),
    -- 'optimal' (the proposal) or 'greedy' (what best first gives)
    solution text not null check (solution in ('optimal', 'greedy')),
    need_id bigint not null references need (need_id),
    offer_id bigint not null references offer (offer_id),
    village_code text not null references village (village_code),
    score double precision not null,
    -- the status bonus, plus the first-time bonus when this pair is its village's first
    bonus double precision not null,
    score_detail text not null,
    first_time bigint not null default 0,
    -- once staff decided: 'accepted' (need_match_id is the match) or 'skipped' (no longer possible)
    outcome text check (outcome in ('accepted', 'skipped')),
    need_match_id bigint references need_match (need_match_id)
);
create index matching_round_pair_round_idx on matching_round_pair (matching_round_id, solution, offer_id);
