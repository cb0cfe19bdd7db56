// What every conformance test needs: the official SDK's client, configured from the environment.
import { Daytona } from '@daytonaio/sdk'

const apiUrl = process.env.DAYTONA_API_URL
const apiKey = process.env.DAYTONA_API_KEY
if (!apiUrl || !apiKey) {
  throw new Error(
    'DAYTONA_API_URL and DAYTONA_API_KEY must be set, e.g. ' +
      'DAYTONA_API_URL=http://localhost:3000/api DAYTONA_API_KEY=dtn_... node --test',
  )
}

export const daytona = new Daytona({ apiKey, apiUrl })
