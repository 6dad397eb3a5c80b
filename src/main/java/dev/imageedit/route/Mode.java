package dev.imageedit.route;

import java.util.Locale;

/** How one decision turns into calls. */
public enum Mode {
    /** One call, one image. */
    SINGLE,
    /** One call per chunk of images, all in one list field (nano's {@code image_urls}). */
    BATCH,
    /** One call with several images: the first is primary, the rest are references. */
    MULTI_REF,
    /** One call per image. */
    FAN_OUT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
