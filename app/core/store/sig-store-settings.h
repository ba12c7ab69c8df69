/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sig-store.h"

G_BEGIN_DECLS

/* A profile's own settings (profile_settings): text values by key, such as
 * "feeds.subscribed" or the connection.* keys of sig-store-outbox.h. */

/* key → value of every setting of @profile_id (an empty table when none). */
GHashTable *sig_store_get_profile_settings (SigStore    *store,
                                            const char  *profile_id,
                                            GError     **error);
/* The value of @key for @profile_id in *@value, NULL when not set. */
gboolean    sig_store_get_profile_setting  (SigStore    *store,
                                            const char  *profile_id,
                                            const char  *key,
                                            char       **value,
                                            GError     **error);
/* Sets @key of @profile_id to @value; @value NULL removes it. */
gboolean    sig_store_set_profile_setting  (SigStore    *store,
                                            const char  *profile_id,
                                            const char  *key,
                                            const char  *value,
                                            GError     **error);
/* The values of @key over every profile (NULL-terminated), for settings that
 * add up across profiles such as feed subscriptions. */
GStrv       sig_store_get_setting_values   (SigStore    *store,
                                            const char  *key,
                                            GError     **error);

G_END_DECLS
