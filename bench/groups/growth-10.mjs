// ps -a and images at 10 containers / images: see bench/lib/growth.mjs.
import { growthGroup } from '../lib/growth.mjs';

export default growthGroup(10, 82);
