-- Who may receive what (issue 15): each subscription keeps the event audiences its owner's token granted when it was
-- registered, and delivery checks them again. A subscription from before knew none: public events only.
ALTER TABLE subscriptions ADD COLUMN audiences text[] NOT NULL DEFAULT '{}';

-- Child-level events are internal now: this service no longer consumes them, and forgets those it stored.
DELETE FROM deliveries WHERE event_id IN (SELECT event_id FROM events WHERE type IN (
    'Intervention.Contracts.Children.ChildBecameLookedAfter',
    'Intervention.Contracts.Children.PlacementChanged',
    'Intervention.Contracts.Children.ChildCeasedToBeLookedAfter'));
DELETE FROM events WHERE type IN (
    'Intervention.Contracts.Children.ChildBecameLookedAfter',
    'Intervention.Contracts.Children.PlacementChanged',
    'Intervention.Contracts.Children.ChildCeasedToBeLookedAfter');
