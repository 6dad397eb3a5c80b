package dev.imageedit.route;

import java.util.Locale;

/** How one decision turns into calls. */
public enum Mode {
    /** One call, one image. */
    SINGLE,
    /** One call whose several images are all references of its outputs (composition). */
    MULTI_REF,
    /** One call per image, each with the same prompt and options: one result per input. */
    FAN_OUT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
