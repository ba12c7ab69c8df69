/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Certificates: everything a program needs to issue, print and check them. */

#include "sig-certificate-claims.h"
#include "sig-certificate-error.h"
#include "sig-certificate-export.h"
#include "sig-certificate-pdf.h"
#include "sig-credential.h"
#include "sig-did-key.h"
#include "sig-issuer.h"
