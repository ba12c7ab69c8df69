/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "sig-certificate-error.h"

G_DEFINE_QUARK (sig-certificate-error-quark, sig_certificate_error)
