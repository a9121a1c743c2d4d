/** A car model the sandbox registers, with the years it was made. */
export interface VehicleModel {
  make: string
  model: string
  from: number
  to: number
  fuel: 'petrol' | 'diesel' | 'hybrid' | 'electric'
}

const model = (
  make: string,
  name: string,
  from: number,
  to: number,
  fuel: VehicleModel['fuel'],
): VehicleModel => ({ make, model: name, from, to, fuel })

/** Cars common on Estonian roads. */
export const MODELS: readonly VehicleModel[] = [
  model('Toyota', 'Corolla', 2002, 2025, 'hybrid'),
  model('Toyota', 'RAV4', 2006, 2025, 'hybrid'),
  model('Toyota', 'Avensis', 2003, 2018, 'diesel'),
  model('Škoda', 'Octavia', 2004, 2025, 'diesel'),
  model('Škoda', 'Superb', 2008, 2025, 'petrol'),
  model('Volkswagen', 'Passat', 2005, 2024, 'diesel'),
  model('Volkswagen', 'Golf', 2004, 2025, 'petrol'),
  model('Volvo', 'V70', 2000, 2016, 'diesel'),
  model('Volvo', 'XC60', 2009, 2025, 'hybrid'),
  model('BMW', '520d', 2004, 2025, 'diesel'),
  model('Audi', 'A4', 2001, 2025, 'diesel'),
  model('Ford', 'Focus', 2000, 2025, 'petrol'),
  model('Opel', 'Astra', 2000, 2022, 'petrol'),
  model('Honda', 'CR-V', 2002, 2025, 'petrol'),
  model('Nissan', 'Leaf', 2011, 2025, 'electric'),
  model('Tesla', 'Model 3', 2019, 2025, 'electric'),
  model('Kia', 'Ceed', 2007, 2025, 'petrol'),
  model('Renault', 'Clio', 2000, 2025, 'petrol'),
]

/** Companies that lease cars to the people who use them. */
export const LEASING_COMPANIES: readonly string[] = [
  'Põhjala Liising AS',
  'Kesklinna Autorent OÜ',
  'Balti Sõidukiliising AS',
]
