// ps -a and images at 1000 containers / images: see bench/lib/growth.mjs.
import { growthGroup } from '../lib/growth.mjs';

export default growthGroup(1000, 84);
