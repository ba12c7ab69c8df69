/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-course.h"

G_BEGIN_DECLS

/* Destructors of the model's parts, for the loader that builds them. */
void sig_inline_free (gpointer data);
void sig_body_free (gpointer data);
void sig_option_free (gpointer data);
void sig_pair_free (gpointer data);
void sig_span_free (gpointer data);
void sig_segment_free (gpointer data);
void sig_passage_free (gpointer data);
void sig_item_free (gpointer data);
void sig_objective_free (gpointer data);
void sig_source_free (gpointer data);
void sig_ref_free (gpointer data);
void sig_persona_free (gpointer data);
void sig_character_free (gpointer data);
void sig_variable_free (gpointer data);
void sig_signal_free (gpointer data);
void sig_effect_free (gpointer data);
void sig_choice_free (gpointer data);
void sig_transition_free (gpointer data);
void sig_node_free (gpointer data);
void sig_ending_free (gpointer data);
void sig_page_free (SigPage *page);

G_END_DECLS
