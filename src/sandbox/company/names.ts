/** Word lists the synthetic company draws names from. */

export const COMPANY_WORDS_A = [
  'Acme', 'Blue', 'Bright', 'Cedar', 'Clear', 'Copper', 'Crisp', 'Delta', 'Ember', 'Falcon', 'Fern', 'Granite',
  'Harbor', 'Iron', 'Juniper', 'Kite', 'Lumen', 'Maple', 'Nimbus', 'North', 'Oak', 'Orbit', 'Pine', 'Prism',
  'Quartz', 'River', 'Sage', 'Signal', 'Silver', 'Summit', 'Tidal', 'True', 'Umber', 'Vector', 'Willow', 'Zephyr',
] as const;

export const COMPANY_WORDS_B = [
  'Analytics', 'Labs', 'Systems', 'Works', 'Cloud', 'Health', 'Logistics', 'Studio', 'Robotics', 'Finance',
  'Media', 'Software', 'Foods', 'Energy', 'Bio', 'Security', 'Networks', 'Learning', 'Travel', 'Retail',
] as const;

export const FIRST_NAMES = [
  'Ada', 'Alex', 'Amara', 'Ben', 'Chen', 'Chloe', 'Dan', 'Diego', 'Elena', 'Emma', 'Farah', 'Felix', 'Grace',
  'Hana', 'Ivan', 'Jade', 'Jonas', 'Kai', 'Laila', 'Leo', 'Maya', 'Mateo', 'Nia', 'Noah', 'Olga', 'Omar',
  'Priya', 'Quinn', 'Rosa', 'Sam', 'Sofia', 'Tariq', 'Uma', 'Victor', 'Wei', 'Yara', 'Zoe',
] as const;

export const LAST_NAMES = [
  'Adams', 'Bauer', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kim',
  'Lopez', 'Martin', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Silva', 'Tanaka', 'Ueda', 'Varga',
  'Wang', 'Xu', 'Yilmaz', 'Zimmer',
] as const;

export const COUNTRIES = ['US', 'US', 'US', 'GB', 'FR', 'DE', 'CA', 'NL', 'ES', 'AU', 'IN', 'BR', 'JP', 'SE'] as const;

export const INDUSTRIES = [
  'Software', 'Education', 'Healthcare', 'Financial Services', 'Retail', 'Media', 'Manufacturing', 'Non-profit',
] as const;
