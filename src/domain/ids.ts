/** Unguessable ids: 128 random bits from the platform's CSPRNG, base64url (22 characters). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Ids we issue look like this; anything else is answered 404 without a look-up. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
