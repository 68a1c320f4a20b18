/** The languages the project's users read: CHT locales of the app, its forms and its SMS. */
export const LOCALES = ['en', 'fr', 'sw'] as const;
export type Locale = (typeof LOCALES)[number];

/** One text in every language. */
export type Localized = Readonly<Record<Locale, string>>;

/** A text for every translation key `K`, no more and no less. */
export type Translations<K extends string> = { readonly [Key in K]: Localized };
