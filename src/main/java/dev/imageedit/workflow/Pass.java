package dev.imageedit.workflow;

import dev.imageedit.intent.EditRequest;
import dev.imageedit.request.Plan;

/**
 * One pass of an edit: its request and its validated plan. Every pass after the first is planned
 * on {@link Edit#PREVIOUS_OUTPUT}, which stands for an output of the pass before until it exists.
 *
 * @param number from 1
 */
public record Pass(int number, EditRequest request, Plan plan) {
}
