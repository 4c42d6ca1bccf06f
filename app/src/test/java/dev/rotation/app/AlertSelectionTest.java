package dev.rotation.app;

import static dev.rotation.app.Alerts.SEED_WEEK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotation.model.Alert;
import dev.rotation.model.SignalStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a desk sees by default, and in which order. */
class AlertSelectionTest {
    private final Alert provisionalRiskOff = Alerts.riskOff(SignalStatus.PROVISIONAL);
    private final Alert finalRiskOff = Alerts.riskOff(SignalStatus.FINAL);
    private final Alert retractedBreach = Alerts.levelBreach(SignalStatus.RETRACTED, SEED_WEEK);
    private final Alert rotation = Alerts.rotation(SEED_WEEK);
    private final Alert earlierCascade = Alerts.cascade("ETH-USD", SEED_WEEK.minusWeeks(1));
    private final Alert laterBreach =
            Alerts.levelBreach(SignalStatus.FINAL, SEED_WEEK.plusWeeks(1));

    private final List<Alert> asRead =
            List.of(
                    laterBreach,
                    rotation,
                    provisionalRiskOff,
                    retractedBreach,
                    finalRiskOff,
                    earlierCascade);

    @Test
    void byDefaultOnlyFinalAndRetractedAlertsByWeekThenSeverity() {
        assertThat(AlertSelection.settled().select(asRead))
                .containsExactly(
                        earlierCascade, // week before, WARNING
                        finalRiskOff, // seed week, WARNING
                        retractedBreach, // seed week, NOTICE
                        rotation, // seed week, INFO
                        laterBreach); // week after
    }

    @Test
    void provisionalAlertsOnlyWhenAskedForAndAFinalRanksAboveItsProvisional() {
        AlertSelection all = new AlertSelection(true);
        assertThat(all.shows(provisionalRiskOff)).isTrue();
        assertThat(AlertSelection.settled().shows(provisionalRiskOff)).isFalse();
        assertThat(all.select(asRead))
                .containsExactly(
                        earlierCascade,
                        finalRiskOff, // WARNING, rank +10 for FINAL
                        provisionalRiskOff, // WARNING
                        retractedBreach,
                        rotation,
                        laterBreach);
    }

    @Test
    void theOrderDoesNotDependOnTheOrderRead() {
        List<Alert> reversed = new java.util.ArrayList<>(asRead);
        java.util.Collections.reverse(reversed);
        assertThat(AlertSelection.settled().select(reversed))
                .isEqualTo(AlertSelection.settled().select(asRead));
        Alert btc = Alerts.cascade("BTC-USD", SEED_WEEK);
        Alert eth = Alerts.cascade("ETH-USD", SEED_WEEK);
        assertThat(AlertSelection.settled().select(List.of(eth, btc))).containsExactly(btc, eth);
    }

    @Test
    void aSignalRevisedAfterItSettledShowsOnceAtItsLatestReadingUnlessAllReadingsAreAskedFor() {
        Alert settled =
                Alerts.riskOffBuilder(SignalStatus.FINAL)
                        .setRevision(2)
                        .setAlertId(
                                "RISK_OFF_SHIFT|2026-01-19|crypto:total,metal:XAG|FINAL|-|MEDIUM")
                        .build();
        Alert revisedLate =
                Alerts.riskOffBuilder(SignalStatus.FINAL)
                        .setRevision(3)
                        .setConfidence(0.97)
                        .setAlertId("RISK_OFF_SHIFT|2026-01-19|crypto:total,metal:XAG|FINAL|-|HIGH")
                        .build();
        assertThat(AlertSelection.settled().select(List.of(revisedLate, settled)))
                .containsExactly(revisedLate);
        assertThat(AlertSelection.settled().select(List.of(settled, revisedLate)))
                .containsExactly(revisedLate);
        assertThat(new AlertSelection(true).select(List.of(settled, revisedLate)))
                .containsExactlyInAnyOrder(settled, revisedLate);
    }
}
