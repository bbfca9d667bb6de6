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

#[test]
fn a_wall_clock_far_ahead_of_the_monotonic_one_is_a_wake_from_sleep() {
    let secs = Duration::from_secs;
    assert!(slept(secs(2 * 3600), secs(15)), "two hours asleep");
    assert!(!slept(secs(16), secs(15)), "a busy machine's late tick");
    assert!(!slept(secs(70), secs(15)), "an NTP step of under a minute");
    assert!(!slept(secs(0), secs(15)), "the clock set back");
}
