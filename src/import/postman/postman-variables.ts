/** Postman's dynamic variables in saved examples (`{{$guid}}`, `{{$randomFirstName}}` …) → mockdock helpers. */
import type { Tag } from '../template-translate';

const DYNAMIC: Record<string, string> = {
  $guid: '{{uuid}}',
  $randomUUID: '{{uuid}}',
  $isoTimestamp: '{{now}}',
  $randomInt: '{{random_int 0 1000}}',
  $randomFirstName: '{{faker "person.firstName"}}',
  $randomLastName: '{{faker "person.lastName"}}',
  $randomFullName: '{{faker "person.fullName"}}',
  $randomEmail: '{{faker "internet.email"}}',
  $randomUserName: '{{faker "internet.username"}}',
  $randomCity: '{{faker "location.city"}}',
  $randomCountry: '{{faker "location.country"}}',
  $randomStreetAddress: '{{faker "location.streetAddress"}}',
  $randomPhoneNumber: '{{faker "phone.number"}}',
  $randomCompanyName: '{{faker "company.name"}}',
  $randomBoolean: '{{faker "datatype.boolean"}}',
  $randomWord: '{{faker "lorem.word"}}',
  $randomLoremSentence: '{{faker "lorem.sentence"}}',
};

/** Collection and environment variables (`{{baseUrl}}`) have no value at mock time: they are not carried. */
export function postmanRewriter(tag: Tag): string | undefined {
  return tag.args.length === 0 ? DYNAMIC[tag.head] : undefined;
}
