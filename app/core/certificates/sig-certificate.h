/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* certificates/: everything a program needs to issue, print and check
 * certificates: claims, issuer keys, did:key, the signed credential, the PDF.
 * It uses nothing else of the core; store/ uses it to issue a certificate for
 * a pass, and the programs to print and verify one. */

#include "sig-certificate-claims.h"
#include "sig-certificate-error.h"
#include "sig-certificate-export.h"
#include "sig-certificate-pdf.h"
#include "sig-credential.h"
#include "sig-did-key.h"
#include "sig-issuer.h"
