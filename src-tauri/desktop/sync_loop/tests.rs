use super::*;

#[test]
fn after_failures_sync_retries_sooner_then_back_off_to_the_usual_pace() {
    let waits: Vec<u64> = (0..6).map(|n| next_wait(n).as_secs()).collect();
    assert_eq!(waits, [300, 30, 60, 120, 240, 300]);
    assert_eq!(
        next_wait(u32::MAX),
        EVERY,
        "a long outage waits the usual 5 minutes"
    );
}
