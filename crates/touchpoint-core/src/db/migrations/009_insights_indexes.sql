-- 9: what Insights reads, without a pass over every touch's row: each
-- contact's wins, each contact's outbound touches (counted, and up to a
-- win), and the touches per channel, direction and outcome.
CREATE INDEX touches_won ON touches (contact_id, happened_at) WHERE outcome = 'won';
CREATE INDEX touches_outbound ON touches (contact_id, happened_at) WHERE direction = 'outbound';
CREATE INDEX touches_by_channel ON touches (channel, direction, outcome, happened_at);
