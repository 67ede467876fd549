/**
 * Realistic words from faker, drawn once per locale into fixed-size pools. Rows combine
 * pool entries with the row's own generator, so generating a million rows never calls
 * faker, and the output depends only on the seed (and the pinned faker version).
 */
import { Faker, base, de, en, en_GB, en_US } from '@faker-js/faker';
import type { Locale } from './catalog.ts';
import { clip, slug } from './text.ts';

export interface Named {
  readonly text: string;
  /** ASCII form for e-mail addresses. */
  readonly slug: string;
}

export interface Locality {
  readonly city: string;
  readonly zip: string;
  readonly state: string | null;
}

export interface Pools {
  readonly companies: readonly Named[];
  readonly firstNames: readonly Named[];
  readonly lastNames: readonly Named[];
  readonly streets: readonly string[];
  readonly localities: readonly Locality[];
  readonly jobTitles: readonly string[];
  readonly products: readonly string[];
  readonly productDescriptions: readonly string[];
}

const LOCALES = { us: [en_US, en, base], de: [de, en, base], gb: [en_GB, en, base] } as const;

/** Fits the narrowest field each pool feeds (PersonFirstName 25, AddressCity 60, …). */
const LIMITS = { company: 100, name: 25, street: 250, city: 60, zip: 10, state: 10, job: 60, product: 60, description: 1000 };

export function buildPools(seed: number, size: number): Record<Locale, Pools> {
  const out = {} as Record<Locale, Pools>;
  (Object.keys(LOCALES) as Locale[]).forEach((locale, i) => {
    const faker = new Faker({ locale: [...LOCALES[locale]] });
    faker.seed(seed * 31 + i);
    out[locale] = poolsOf(faker, locale, size);
  });
  return out;
}

function poolsOf(faker: Faker, locale: Locale, size: number): Pools {
  const list = <T>(make: () => T): T[] => Array.from({ length: size }, make);
  const named = (text: string, max: number): Named => {
    const clipped = clip(text, max);
    return { text: clipped, slug: slug(clipped) || 'contact' };
  };
  return {
    companies: list(() => named(faker.company.name(), LIMITS.company)),
    firstNames: list(() => named(faker.person.firstName(), LIMITS.name)),
    lastNames: list(() => named(faker.person.lastName(), LIMITS.name)),
    streets: list(() => clip(faker.location.streetAddress(), LIMITS.street)),
    localities: list(() => ({
      city: clip(faker.location.city(), LIMITS.city),
      zip: clip(faker.location.zipCode(), LIMITS.zip),
      // UK counties are not abbreviated in addresses; the field stays empty there.
      state: locale === 'gb' ? null : clip(faker.location.state({ abbreviated: true }), LIMITS.state),
    })),
    jobTitles: list(() => clip(faker.person.jobTitle(), LIMITS.job)),
    products: list(() => clip(faker.commerce.productName(), LIMITS.product)),
    productDescriptions: list(() => clip(faker.commerce.productDescription(), LIMITS.description)),
  };
}
