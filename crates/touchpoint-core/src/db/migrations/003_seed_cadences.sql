-- 3, its data: the built-in cadence templates as they were when cadences
-- came. Frozen like the schema: a change to the defaults is a new migration,
-- so an old file and a new one seed the same plans.

INSERT OR IGNORE INTO cadences (name, plan, seeded_key, created_at, updated_at)
VALUES ('New prospect', '{"kind":"steps","steps":[
  {"day":1,"channel":"call","prompt":"Thank them for meeting; ask what made them take your card. Agree the next step."},
  {"day":3,"channel":"email","prompt":"Send what you promised, in two lines, with one question about their goals."},
  {"day":7,"channel":"linkedin","prompt":"Connect on LinkedIn with a personal note about where you met."},
  {"day":10,"channel":"call","prompt":"\"How can I help you?\" Ask about the problem they mentioned."},
  {"day":14,"channel":"handwritten_card","prompt":"Send a handwritten card: a short thank-you, no pitch."},
  {"day":21,"channel":"email","prompt":"\"I was thinking about your business and had an idea…\" Share it."},
  {"day":30,"channel":"call","prompt":"New angle: a case from another client with the same problem."},
  {"day":40,"channel":"newsletter","prompt":"Share an article you wrote or found that fits their situation."},
  {"day":50,"channel":"call","prompt":"New benefit: one thing they have not heard from you yet."},
  {"day":60,"channel":"event_invitation","prompt":"Invite them to an event, a demo day or a coffee."},
  {"day":75,"channel":"email","prompt":"Ask for a 15-minute call about their plans for next quarter."},
  {"day":90,"channel":"call","prompt":"Check in: has anything changed? Ask who else you should talk to."}
]}', 'new_prospect', 0, 0);

INSERT OR IGNORE INTO cadences (name, plan, seeded_key, created_at, updated_at)
VALUES ('Customer — quarterly check-in', '{"kind":"repeat","every":3,"unit":"months","channel":"call","prompts":["\"How can I help you?\" Ask how things are going since last time.","\"I was thinking about your business and had an idea…\"","Share a case from another client; ask for a referral."]}', 'customer_quarterly', 0, 0);

INSERT OR IGNORE INTO cadences (name, plan, seeded_key, created_at, updated_at)
VALUES ('Past customer — re-engage every 30 days', '{"kind":"repeat","every":30,"unit":"days","channel":"email","prompts":["Ask what has changed since you last worked together.","Share what is new: a product, an offer, a result for another client.","Invite them back with something specific to them."]}', 'past_customer', 0, 0);

INSERT OR IGNORE INTO cadences (name, plan, seeded_key, created_at, updated_at)
VALUES ('Nurture — every 6 weeks', '{"kind":"repeat","every":6,"unit":"weeks","channel":"email","prompts":["Share an article or idea useful to them; no pitch.","Send a short note about news in their industry.","Invite them to an event or webinar."]}', 'nurture', 0, 0);
