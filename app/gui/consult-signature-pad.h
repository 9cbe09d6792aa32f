/* consult-signature-pad.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pad to sign on with a mouse, a finger or a stylus. It draws into the
 * ConsultSignature it is given and shows whatever that signature holds.
 */

#pragma once

#include <gtk/gtk.h>

#include "consult-signature.h"

G_BEGIN_DECLS

#define CONSULT_TYPE_SIGNATURE_PAD (consult_signature_pad_get_type ())
G_DECLARE_FINAL_TYPE (ConsultSignaturePad, consult_signature_pad, CONSULT, SIGNATURE_PAD, GtkWidget)

/* Properties: "signature" (ConsultSignature, nullable), "editable"
 * (boolean, TRUE by default: when FALSE, input is ignored; a signed
 * signature is never edited whatever this says).
 *
 * Actions: "signature-pad.undo" (Ctrl+Z, BackSpace) removes the newest
 * stroke; "signature-pad.clear" (Delete) removes them all. Both are enabled
 * only while there is something to remove and the pad may edit. */

GtkWidget        *consult_signature_pad_new           (ConsultSignature    *signature);

ConsultSignature *consult_signature_pad_get_signature (ConsultSignaturePad *self);
void              consult_signature_pad_set_signature (ConsultSignaturePad *self,
                                                       ConsultSignature    *signature);

gboolean          consult_signature_pad_get_editable  (ConsultSignaturePad *self);
void              consult_signature_pad_set_editable  (ConsultSignaturePad *self,
                                                       gboolean             editable);

G_END_DECLS
