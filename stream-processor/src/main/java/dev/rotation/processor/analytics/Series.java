package dev.rotation.processor.analytics;

/** Names of the trailing-history series. One place, so the snapshot and the rules agree. */
public final class Series {

    public static final String CRYPTO_TOTAL = "flow.crypto.total";

    /**
     * 1 for a FINAL window any of whose inputs came from an illustrative source, else 0: what tells
     * a later window that its baselines rest on generated data.
     */
    public static final String ILLUSTRATIVE_INPUTS = "provenance.illustrative";

    private Series() {}

    public static String flowAsset(String asset) {
        return "flow.asset." + asset;
    }

    public static String flowRegion(String region) {
        return "flow.region." + region;
    }

    public static String flowGroup(String group) {
        return "flow.group." + group;
    }

    public static String priceClose(String instrument) {
        return "price.close." + instrument;
    }

    public static String priceReturn(String instrument) {
        return "price.return." + instrument;
    }

    public static String priceVol(String instrument) {
        return "price.vol." + instrument;
    }

    /** Volume in base units: unlike USD volume it does not move with the price. */
    public static String volumeBase(String instrument) {
        return "volume.base." + instrument;
    }

    public static String volumeUsd(String instrument) {
        return "volume.usd." + instrument;
    }

    public static String metalClose(String metal) {
        return "metal.close." + metal;
    }

    public static String metalReturn(String metal) {
        return "metal.return." + metal;
    }

    public static String metalVolume(String metal) {
        return "metal.volume." + metal;
    }

    public static String metalProductFlow(String metal) {
        return "metal.product-flow." + metal;
    }
}
